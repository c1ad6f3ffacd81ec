package org.ntkexplorer.core.kernel;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.compute.NativeParallel;
import org.ntkexplorer.core.model.FeaturePass;
import org.ntkexplorer.core.model.FeatureSink;
import org.ntkexplorer.core.model.PlannedLayer;
import org.ntkexplorer.core.nn.ArrayCache;
import org.ntkexplorer.core.nn.ConvOps;

/**
 * Forward pass plus one backward pass carrying all C logits at once (rows ordered example-major, logit-minor),
 * turned into each trainable layer's {@link LayerFeature}s. Dense layers keep the factorised form; conv layers
 * form per-example weight gradients, in chunks of examples so that the working arrays stay small. Chunks run at
 * once on {@link NativeParallel}'s workers, each writing straight into its rows of the feature matrices and
 * reusing its worker's working arrays.
 */
final class FeatureExtractor {
    /** Upper bound for one chunk's largest working array. */
    static final long DEFAULT_CHUNK_BYTES = 32L << 20;

    private final NetworkSnapshot net;
    private final List<PlannedLayer> layers;
    private final int logits;
    private final int chunkRows;
    private final DataType dt;
    /** Working arrays of each worker of {@link NativeParallel}, which runs chunks at once. */
    private final List<ArrayCache> caches = new ArrayList<>();
    private final List<INDArray> scaledWeights = new ArrayList<>();

    FeatureExtractor(NetworkSnapshot net, long chunkBytes) {
        this.net = net;
        this.layers = net.plan().layers();
        this.logits = net.plan().spec().outputs();
        this.dt = net.dataType();
        this.chunkRows = chooseChunkRows(chunkBytes);
        int k = 0;
        for (PlannedLayer l : layers) {
            if (l.trainable()) {
                scaledWeights.add(net.weight(k++).mul(l.weightMultiplier()));
            }
        }
    }

    int chunkRows() {
        return chunkRows;
    }

    /**
     * The largest per-example working array is the backward signal of all C logits, or with im2col + GEMM its
     * columns (C·H·W·fan_in values), whichever route {@link ConvOps} takes for this precision.
     */
    private int chooseChunkRows(long chunkBytes) {
        long worst = 0;
        boolean nativeConvolutions = ConvOps.nativeConvolutions(dt);
        for (PlannedLayer l : layers) {
            worst = Math.max(worst, (long) logits * (long) l.backwardSignalValues(nativeConvolutions) * dt.width());
        }
        return worst == 0 ? Integer.MAX_VALUE : (int) Math.max(1, chunkBytes / worst);
    }

    /** Bytes of the features of one example, summed over layers. */
    long featureBytesPerExample() {
        // The same count the memory estimate uses before any network exists.
        return (long) FeatureSizes.featureBytesPerExample(layers, logits, dt.width());
    }

    /** Forward and stacked backward flops per example (the cost of producing features, not of pairing them). */
    double featureFlopsPerExample() {
        double f = 0;
        for (PlannedLayer l : layers) {
            f += l.featureFlops(logits);
        }
        return f;
    }

    /** Features of the examples in the rows of {@code x} (rows × inputDim, C×H×W order for images). */
    List<LayerFeature> features(INDArray x) {
        int rows = (int) x.rows();
        List<INDArray[]> matrices = new ArrayList<>();
        for (PlannedLayer l : layers) {
            long[] columns = l.featureMatrixColumns(l == layers.get(layers.size() - 1), logits);
            if (columns.length > 0) {
                INDArray[] m = new INDArray[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    m[i] = Nd4j.createUninitialized(dt, rows, columns[i]);
                }
                matrices.add(m);
            }
        }
        int chunks = rows <= chunkRows ? 1 : (rows + chunkRows - 1) / chunkRows;
        NativeParallel.run(chunks, (c, worker) -> {
            int r0 = c * chunkRows;
            int r1 = Math.min(rows, r0 + chunkRows);
            chunk(x.get(interval(r0, r1), all()), r0, matrices, cache(worker));
        });
        List<LayerFeature> out = new ArrayList<>();
        FeatureSink sink = new FeatureSink() {
            @Override
            public void factored(INDArray inputs, INDArray signals, double weightMultiplierSq, double biasMultiplierSq) {
                out.add(new LayerFeature.Dense(inputs, signals, weightMultiplierSq, biasMultiplierSq, logits));
            }

            @Override
            public void gradients(INDArray perExample) {
                out.add(new LayerFeature.Gradients(perExample, logits));
            }
        };
        int k = 0;
        for (PlannedLayer l : layers) {
            if (l.trainable()) {
                l.addFeatures(matrices.get(k++), logits, sink);
            }
        }
        return out;
    }

    /** Frees the working arrays kept from chunk to chunk; call when the kernel is done. */
    synchronized void release() {
        for (ArrayCache c : caches) {
            c.clear();
        }
    }

    private synchronized ArrayCache cache(int worker) {
        while (caches.size() <= worker) {
            caches.add(new ArrayCache());
        }
        return caches.get(worker);
    }

    /** Writes the features of the examples in {@code x} into rows r0… of {@code matrices}. */
    private void chunk(INDArray x, int r0, List<INDArray[]> matrices, ArrayCache cache) {
        int m = (int) x.rows();
        INDArray a = x.castTo(dt).dup('c');
        int[] inShape = net.plan().spec().inputShape();
        if (net.plan().spec().architecture().isConvolutional()) {
            a = a.reshape('c', m, inShape[0], inShape[1], inShape[2]);
        }
        new FeaturePass(dt, logits, scaledWeights, net::bias, matrices, cache).run(layers, a, r0);
    }
}
