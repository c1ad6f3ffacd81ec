package org.ntkexplorer.core.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.ntkexplorer.core.data.Preprocessing;
import org.ntkexplorer.core.kernel.Precision;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.Architecture;
import org.ntkexplorer.core.model.LearningRateSchedule;
import org.ntkexplorer.core.model.LossKind;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.Optimizer;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.model.TrainingConfig;

/**
 * An experiment as a user writes it in JSON. Every field has a default except {@code study}; unknown keys and
 * impossible values are rejected together, in one {@link InvalidSpecException}.
 *
 * @param nGrid      training-set sizes (scaling, pretrained); dynamics uses the first
 * @param widths     widths of a width sweep (other studies use {@code width})
 * @param probeSize  examples of the fixed probe set on which kernel dynamics are measured
 * @param ridge      kernel-regression ridge, relative to the mean diagonal of K
 * @param n0         training examples of the pre-trained network (study "pretrained")
 * @param snapshotEvery epochs between kernel snapshots (dynamics)
 * @param snapshotRegression also kernel-regress with each probe-kernel snapshot (costs a test×probe kernel each)
 * @param saveKernels keep each probe-kernel snapshot as .npy under kernels/ in the run folder
 */
public record ExperimentSpec(Study study, String dataset, int[] classes, int[] nGrid, int nTest, int seeds,
                             Preprocessing preprocessing, Architecture architecture, int depth, int width,
                             int[] widths, Activation activation, Parameterization parameterization, double sigmaW,
                             double sigmaB, Optimizer optimizer, double learningRate, double momentum, int batchSize,
                             int epochs, double weightDecay, LossKind loss, LearningRateSchedule schedule,
                             List<Learner> learners, int probeSize, double ridge, Precision dtype, int n0,
                             int snapshotEvery, boolean snapshotRegression, boolean saveKernels) {

    public ExperimentSpec {
        classes = classes == null ? null : classes.clone();
        nGrid = nGrid.clone();
        widths = widths.clone();
        learners = List.copyOf(learners);
    }

    @Override
    public int[] classes() {
        return classes == null ? null : classes.clone();
    }

    @Override
    public int[] nGrid() {
        return nGrid.clone();
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    public TrainingConfig training() {
        return new TrainingConfig(optimizer, learningRate, momentum, batchSize, epochs, weightDecay, loss, schedule);
    }

    /** The network of this spec at a given width, for data of the given input shape and outputs. */
    public NetworkSpec network(int atWidth, int outputs, int[] inputShape) {
        return new NetworkSpec(architecture, depth, atWidth, activation, parameterization, sigmaW, sigmaB, outputs,
                inputShape);
    }

    public static ExperimentSpec read(Path file) throws IOException {
        return SpecReader.parse(Files.readString(file), file.toString());
    }

    public static ExperimentSpec parse(String json) {
        return SpecReader.parse(json, "spec");
    }

    /** Keys in the order a user reads them; {@link #parse} accepts exactly these. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("study", study.id());
        m.put("dataset", dataset);
        m.put("classes", classes);
        m.put("nGrid", nGrid);
        m.put("nTest", nTest);
        m.put("seeds", seeds);
        m.put("preprocessing", preprocessing.id());
        m.put("architecture", architecture.id());
        m.put("depth", depth);
        m.put("width", width);
        m.put("widths", widths);
        m.put("activation", activation.id());
        m.put("parameterization", parameterization.id());
        m.put("sigmaW", sigmaW);
        m.put("sigmaB", sigmaB);
        m.put("optimizer", optimizer.id());
        m.put("learningRate", learningRate);
        m.put("momentum", momentum);
        m.put("batchSize", batchSize);
        m.put("epochs", epochs);
        m.put("weightDecay", weightDecay);
        m.put("loss", loss.id());
        m.put("schedule", schedule.id());
        m.put("learners", learners.stream().map(Learner::id).toList());
        m.put("probeSize", probeSize);
        m.put("ridge", ridge);
        m.put("dtype", dtype.id());
        m.put("n0", n0);
        m.put("snapshotEvery", snapshotEvery);
        m.put("snapshotRegression", snapshotRegression);
        m.put("saveKernels", saveKernels);
        return m;
    }

    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toMap());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Problems of combination that single fields cannot show; empty when the spec can run. */
    List<String> crossProblems() {
        List<String> p = new ArrayList<>();
        if (architecture.isConvolutional()) {
            for (Learner l : learners) {
                if (l.needsInfiniteKernel()) {
                    p.add("learner " + l.id() + " needs an MLP: " + architecture.id() + " has no infinite-width kernel");
                }
            }
            if (study == Study.WIDTH_SWEEP) {
                p.add("the width sweep compares with the infinite NTK and needs an MLP");
            }
        }
        if (parameterization != Parameterization.NTK && learners.contains(Learner.INFINITE_NTK)) {
            p.add("learner infinite-ntk needs parameterization ntk");
        }
        if (study == Study.PRETRAINED && !learners.contains(Learner.ENTK_PRETRAINED)) {
            p.add("study pretrained needs learner entk-pretrained");
        }
        if (study == Study.WIDTH_SWEEP && widths.length == 0) {
            p.add("widths must list at least one width for a width sweep");
        }
        if ((study == Study.SCALING || study == Study.PRETRAINED)
                && Arrays.stream(nGrid).distinct().count() < 2) {
            p.add("nGrid needs at least two distinct sizes to fit a scaling law");
        }
        return p;
    }
}
