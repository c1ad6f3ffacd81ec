package org.ntkexplorer.core.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.data.DataSplit;
import org.ntkexplorer.core.data.DatasetRegistry;
import org.ntkexplorer.core.data.Layout;
import org.ntkexplorer.core.data.Preprocessing;
import org.ntkexplorer.core.data.Split;
import org.ntkexplorer.core.data.SubsetRequest;
import org.ntkexplorer.core.data.Subsets;
import org.ntkexplorer.core.kernel.EmpiricalNtk;
import org.ntkexplorer.core.kernel.KernelExport;
import org.ntkexplorer.core.kernel.KernelKind;
import org.ntkexplorer.core.kernel.ModelDescription;
import org.ntkexplorer.core.kernel.Precision;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.Architecture;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.model.TrainingConfig;

/**
 * One kernel on a dataset subset, written as an interchange folder: the {@code kernel} command of the CLI and
 * the window's "export kernel" share it.
 */
public record KernelJob(String dataset, int[] classes, int n, long seed, Preprocessing preprocessing,
                        Architecture architecture, int depth, int width, Activation activation,
                        Parameterization parameterization, double sigmaW, double sigmaB, KernelKind kind,
                        Precision precision) {

    /** What was computed, for the caller to report. */
    public record Result(int n, int inputDim, long parameters, double seconds, String description) {
    }

    public Result run(Path out, TaskMonitor monitor) throws IOException {
        Layout layout = architecture.isConvolutional() ? Layout.IMAGE : Layout.FLAT;
        DataSplit split = Subsets.select(DatasetRegistry.open(dataset),
                new SubsetRequest(classes, n, 0, seed, preprocessing, layout));
        Split train = split.train();
        NetworkSpec spec = new NetworkSpec(architecture, depth, width, activation, parameterization, sigmaW, sigmaB,
                train.outputs(), train.inputShape());
        INDArray x = Nd4j.create(train.inputs(), new long[] {train.size(), train.inputDim()}, 'c');
        long start = System.nanoTime();
        INDArray kernel;
        Map<String, INDArray> params = null;
        long parameters = 0;
        switch (kind) {
            case EMPIRICAL_NTK: {
                NtkNetwork net = NtkNetwork.create(spec, seed, precision.dataType(),
                        TrainingConfig.sgdMomentum(0.1, 64, 1));
                kernel = EmpiricalNtk.of(net, precision, 0, monitor).compute(x.castTo(precision.dataType()));
                params = net.parameters();
                parameters = net.parameterCount();
                break;
            }
            default:
                kernel = InfiniteKernelJobs.compute(spec, x, kind, precision, monitor);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> model = ModelDescription.of(spec, kind, precision, preprocessing.describe());
        model.put("dataset", dataset);
        model.put("subset", split.description());
        model.put("seed", seed);
        int[] labels = train.labels();
        KernelExport.write(out, model, train.inputs(), train.size(), train.inputDim(), labels,
                kernel.castTo(precision == Precision.FLOAT32 ? DataType.FLOAT : DataType.DOUBLE), params);
        return new Result(train.size(), train.inputDim(), parameters, seconds, split.description());
    }
}
