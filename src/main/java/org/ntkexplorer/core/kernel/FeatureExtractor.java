package org.ntkexplorer.core.kernel;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.model.ActivationOps;
import org.ntkexplorer.core.model.PlannedLayer;

/**
 * Forward pass plus one backward pass carrying all C logits at once (rows ordered example-major, logit-minor),
 * turned into each trainable layer's {@link LayerFeature}. Dense layers keep the factorised form; conv layers
 * form per-example weight gradients in chunks of examples so that the im2col buffers stay small.
 */
final class FeatureExtractor {
    /** Upper bound for one chunk's largest temporary (the im2col of the backward signal). */
    static final long DEFAULT_CHUNK_BYTES = 96L << 20;

    private final NetworkSnapshot net;
    private final List<PlannedLayer> layers;
    private final int logits;
    private final int chunkRows;

    FeatureExtractor(NetworkSnapshot net, long chunkBytes) {
        this.net = net;
        this.layers = net.plan().layers();
        this.logits = net.plan().spec().outputs();
        this.chunkRows = chooseChunkRows(chunkBytes);
    }

    int chunkRows() {
        return chunkRows;
    }

    private int chooseChunkRows(long chunkBytes) {
        long worst = 0;
        for (PlannedLayer l : layers) {
            if (l instanceof PlannedLayer.Conv c) {
                long perExample = (long) logits * c.height() * c.width() * Math.max(c.fanIn(), c.outChannels())
                        * net.dataType().width();
                worst = Math.max(worst, perExample);
            }
        }
        return worst == 0 ? Integer.MAX_VALUE : (int) Math.max(1, chunkBytes / worst);
    }

    /** Bytes of the features of one example, summed over layers. */
    long featureBytesPerExample() {
        long values = 0;
        for (PlannedLayer l : layers) {
            values += featureColumns(l, l == layers.get(layers.size() - 1));
        }
        return values * net.dataType().width();
    }

    private long featureColumns(PlannedLayer l, boolean readout) {
        if (l instanceof PlannedLayer.Dense d) {
            return d.fanIn() + (readout ? 0 : (long) logits * d.fanOut());
        }
        if (l instanceof PlannedLayer.Conv c) {
            return (long) logits * c.outChannels() * (c.fanIn() + 1);
        }
        return 0;
    }

    /** Forward and stacked backward flops per example (the cost of producing features, not of pairing them). */
    double featureFlopsPerExample() {
        double f = 0;
        for (PlannedLayer l : layers) {
            if (l instanceof PlannedLayer.Dense d) {
                f += 2.0 * d.fanIn() * d.fanOut() * (1 + logits);
            } else if (l instanceof PlannedLayer.Conv c) {
                double positions = (double) c.height() * c.width();
                // forward GEMM, backward-to-input GEMM and the per-example weight-gradient GEMM
                f += 2.0 * positions * c.fanIn() * c.outChannels() * (1 + 2.0 * logits);
            }
        }
        return f;
    }

    /** Features of the examples in the rows of {@code x} (rows × inputDim, C×H×W order for images). */
    List<LayerFeature> features(INDArray x) {
        int rows = (int) x.rows();
        if (rows <= chunkRows) {
            return chunk(x);
        }
        List<INDArray> parts = null;
        List<LayerFeature> template = null;
        for (int r0 = 0; r0 < rows; r0 += chunkRows) {
            int r1 = Math.min(rows, r0 + chunkRows);
            List<LayerFeature> f = chunk(x.get(interval(r0, r1), all()));
            if (parts == null) {
                template = f;
                parts = new ArrayList<>();
                for (LayerFeature lf : f) {
                    parts.add(Nd4j.createUninitialized(net.dataType(), rows, matrixOf(lf).columns()));
                }
            }
            for (int k = 0; k < f.size(); k++) {
                parts.get(k).get(interval(r0, r1), all()).assign(matrixOf(f.get(k)));
                release(matrixOf(f.get(k)));
            }
        }
        List<LayerFeature> out = new ArrayList<>();
        for (int k = 0; k < template.size(); k++) {
            LayerFeature t = template.get(k);
            if (t instanceof LayerFeature.Dense d) {
                out.add(new LayerFeature.Dense(parts.get(k), null, d.weightMultiplierSq(), d.biasMultiplierSq(),
                        logits));
            } else {
                out.add(new LayerFeature.Gradients(parts.get(k), logits));
            }
        }
        return out;
    }

    /** Chunking only happens for conv networks, whose single dense layer is the readout (inputs only). */
    private static INDArray matrixOf(LayerFeature f) {
        if (f instanceof LayerFeature.Dense d) {
            if (d.signals() != null) {
                throw new IllegalStateException("chunked features with hidden dense layers");
            }
            return d.inputs();
        }
        return ((LayerFeature.Gradients) f).perExample();
    }

    private List<LayerFeature> chunk(INDArray x) {
        int m = (int) x.rows();
        INDArray a = x.castTo(net.dataType());
        int[] inShape = net.plan().spec().inputShape();
        if (inShape.length == 3 && net.plan().spec().architecture().isConvolutional()) {
            a = a.reshape('c', new long[] {m, inShape[0], inShape[1], inShape[2]});
        }
        // Forward, keeping what the backward pass and the features need.
        List<INDArray> layerInputs = new ArrayList<>();
        List<INDArray> preActivations = new ArrayList<>();
        int k = 0;
        for (PlannedLayer layer : layers) {
            layerInputs.add(a);
            if (layer instanceof PlannedLayer.Dense d) {
                INDArray z = a.mmul(net.weight(k)).muli(d.weightMultiplier())
                        .addiRowVector(net.bias(k).mul(d.biasMultiplier()));
                preActivations.add(z);
                a = d.activation() == null ? z : ActivationOps.apply(d.activation(), z);
                k++;
            } else if (layer instanceof PlannedLayer.Conv c) {
                INDArray cols = im2col(a, c);
                layerInputs.set(layerInputs.size() - 1, cols);
                if (k > 0) {
                    release(a);
                }
                // Per example (cout × c·k²)·(c·k² × H·W): the product is already channels × positions.
                INDArray w = tiled(convMatrix(k, c), m);
                INDArray z3 = Nd4j.matmul(w, asMatrices(cols, c)).muli(c.weightMultiplier());
                release(w);
                Nd4j.getExecutioner().exec(new BroadcastAddOp(z3,
                        net.bias(k).reshape('c', new long[] {c.outChannels()}).mul(c.biasMultiplier()), z3, 1));
                preActivations.add(z3);
                a = ActivationOps.apply(c.activation(),
                        z3.reshape('c', new long[] {m, c.outChannels(), c.height(), c.width()}));
                k++;
            } else if (layer instanceof PlannedLayer.AvgPool p) {
                preActivations.add(null);
                INDArray pooled = avgPool(a, p);
                release(a);
                a = pooled;
            } else if (layer instanceof PlannedLayer.GlobalAvgPool) {
                preActivations.add(null);
                a = a.mean(2, 3);
            }
        }
        // Backward for all logits at once, from the readout down.
        LayerFeature[] features = new LayerFeature[k];
        int last = layers.size() - 1;
        PlannedLayer.Dense readout = (PlannedLayer.Dense) layers.get(last);
        k--;
        features[k] = new LayerFeature.Dense(layerInputs.get(last), null, sq(readout.weightMultiplier()),
                sq(readout.biasMultiplier()), logits);
        INDArray delta = last == 0 ? null : readoutSignal(k, readout, m);
        for (int li = last - 1; li >= 0; li--) {
            PlannedLayer layer = layers.get(li);
            if (layer instanceof PlannedLayer.Dense d) {
                k--;
                INDArray g = timesDerivative(delta, d.activation(), preActivations.get(li), m);
                features[k] = new LayerFeature.Dense(layerInputs.get(li), g.reshape('c', new long[] {m, (long) logits * d.fanOut()}),
                        sq(d.weightMultiplier()), sq(d.biasMultiplier()), logits);
                delta = k == 0 ? null : g.mmul(net.weight(k).transpose()).muli(d.weightMultiplier());
            } else if (layer instanceof PlannedLayer.Conv c) {
                k--;
                INDArray g = timesDerivative(delta, c.activation(), preActivations.get(li), m);
                features[k] = new LayerFeature.Gradients(convGradients(layerInputs.get(li), g, c, m), logits);
                INDArray below = k == 0 ? null : convInputSignal(g, k, c, m);
                // Conv buffers are C times the activations; free them now rather than at the next GC.
                release(g);
                release(delta);
                release(layerInputs.get(li));
                release(preActivations.get(li));
                delta = below;
            } else if (layer instanceof PlannedLayer.AvgPool p) {
                INDArray below = avgPoolBackward(delta, p);
                release(delta);
                delta = below;
            } else if (layer instanceof PlannedLayer.GlobalAvgPool gp) {
                long rows = delta.rows();
                delta = delta.reshape('c', new long[] {rows, gp.channels(), 1, 1})
                        .broadcast(rows, gp.channels(), gp.height(), gp.width())
                        .divi((double) gp.height() * gp.width());
            }
        }
        return List.of(features);
    }

    private static void release(INDArray a) {
        if (a != null && !a.wasClosed() && a.closeable()) {
            a.close();
        }
    }

    private static double sq(double v) {
        return v * v;
    }

    /** ∂f_c/∂(readout input) = s_w·W[:, c], the same for every example: (m·C) × fanIn. */
    private INDArray readoutSignal(int k, PlannedLayer.Dense readout, int m) {
        INDArray perLogit = net.weight(k).transpose().mul(readout.weightMultiplier()); // C × fanIn
        return Nd4j.tile(perLogit, m, 1);
    }

    /** G = δ ⊙ φ'(z), with δ holding C rows per example and z one row per example. */
    private INDArray timesDerivative(INDArray delta, org.ntkexplorer.core.model.Activation act, INDArray z, int m) {
        INDArray dphi = ActivationOps.derivative(act, z).reshape('c', new long[] {m, z.length() / m});
        long[] shape = delta.shape();
        INDArray d3 = delta.reshape('c', new long[] {m, logits, delta.length() / ((long) m * logits)});
        Nd4j.getExecutioner().exec(new BroadcastMulOp(d3, dphi, d3, 0, 2));
        return d3.reshape('c', shape);
    }

    private INDArray convMatrix(int k, PlannedLayer.Conv c) {
        return net.weight(k).reshape('c', new long[] {c.outChannels(), c.fanIn()});
    }

    /** W as a (cout × cin·kh·kw) matrix repeated for each of {@code copies} batch entries. */
    private static INDArray tiled(INDArray matrix, long copies) {
        return Nd4j.tile(matrix.reshape('c', new long[] {1, matrix.rows(), matrix.columns()}), (int) copies, 1, 1);
    }

    /**
     * (m, cin, H, W) → (m, cin·kh·kw, H·W): ND4J's im2col layout [m, cin, kh, kw, H, W] read as one matrix per
     * example, so no permutation is needed before or after the GEMMs.
     */
    private static INDArray im2col(INDArray a, PlannedLayer.Conv c) {
        long m = a.size(0);
        // Output arrays are passed explicitly: the allocating overloads use the default type, not the input's.
        INDArray cols6 = Nd4j.createUninitialized(a.dataType(), m, c.inChannels(), c.kernel(), c.kernel(), c.height(),
                c.width());
        Convolution.im2col(a.dup('c'), c.kernel(), c.kernel(), 1, 1, c.padding(), c.padding(), false, cols6);
        return cols6;
    }

    /** The im2col array as one (cin·kh·kw × H·W) matrix per example (a view). */
    private static INDArray asMatrices(INDArray cols6, PlannedLayer.Conv c) {
        return cols6.reshape('c', new long[] {cols6.size(0), c.fanIn(), (long) c.height() * c.width()});
    }

    /**
     * Per example, the gradient of every logit w.r.t. this layer's W and b: row i holds s_w·Gᵢ·colsᵢᵀ
     * (C·cout × fanIn) followed by s_b·Σ_positions Gᵢ (C·cout).
     */
    private INDArray convGradients(INDArray cols, INDArray g, PlannedLayer.Conv c, int m) {
        int positions = c.height() * c.width();
        int cc = logits * c.outChannels();
        // Rows of g are example-major, logit-minor, so (m·C, cout, H, W) is (m, C·cout, H·W) without copying.
        INDArray g3 = g.reshape('c', new long[] {m, cc, positions});
        INDArray product = Nd4j.matmul(g3, asMatrices(cols, c), false, true, false).muli(c.weightMultiplier());
        INDArray weights = product.reshape('c', new long[] {m, (long) cc * c.fanIn()});
        INDArray biases = g3.sum(2).muli(c.biasMultiplier());
        INDArray out = Nd4j.concat(1, weights, biases);
        release(product);
        release(biases);
        return out;
    }

    /** δ at this conv layer's input: col2im of s_w·Wᵀ·G per example and logit. */
    private INDArray convInputSignal(INDArray g, int k, PlannedLayer.Conv c, int m) {
        long rows = (long) m * logits;
        long positions = (long) c.height() * c.width();
        INDArray g3 = g.reshape('c', new long[] {rows, c.outChannels(), positions});
        INDArray w = tiled(convMatrix(k, c).transpose().dup('c'), rows);
        INDArray dCols = Nd4j.matmul(w, g3).muli(c.weightMultiplier());
        release(w);
        INDArray col6 = dCols.reshape('c', new long[] {rows, c.inChannels(), c.kernel(), c.kernel(), c.height(),
                c.width()});
        INDArray out = Nd4j.createUninitialized(col6.dataType(), rows, c.inChannels(), c.height(), c.width());
        Convolution.col2im(col6, out, 1, 1, c.padding(), c.padding(), c.height(), c.width(), 1, 1);
        release(dCols);
        return out;
    }

    private static INDArray avgPool(INDArray a, PlannedLayer.AvgPool p) {
        int s = p.size();
        long oh = p.outHeight();
        long ow = p.outWidth();
        INDArray out = Nd4j.zeros(a.dataType(), a.size(0), a.size(1), oh, ow);
        for (int dy = 0; dy < s; dy++) {
            for (int dx = 0; dx < s; dx++) {
                out.addi(a.get(all(), all(), interval(dy, s, dy + s * (oh - 1) + 1), interval(dx, s, dx + s * (ow - 1) + 1)));
            }
        }
        return out.divi((double) s * s);
    }

    private static INDArray avgPoolBackward(INDArray delta, PlannedLayer.AvgPool p) {
        int s = p.size();
        long oh = p.outHeight();
        long ow = p.outWidth();
        INDArray out = Nd4j.zeros(delta.dataType(), delta.size(0), delta.size(1), p.height(), p.width());
        INDArray share = delta.div((double) s * s);
        for (int dy = 0; dy < s; dy++) {
            for (int dx = 0; dx < s; dx++) {
                out.get(all(), all(), interval(dy, s, dy + s * (oh - 1) + 1), interval(dx, s, dx + s * (ow - 1) + 1)).assign(share);
            }
        }
        return out;
    }
}
