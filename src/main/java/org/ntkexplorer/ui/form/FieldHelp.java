package org.ntkexplorer.ui.form;

import java.util.EnumMap;
import java.util.Map;

/** What each field does, for its tooltip. */
final class FieldHelp {
    private static final Map<FormField, String> TEXT = new EnumMap<>(FormField.class);

    static {
        put(FormField.STUDY, "scaling (claim 1), pretrained (claim 2), dynamics (claim 3), width-sweep (the NTK limit) "
                + "or richness (the lazy–rich dial)");
        put(FormField.DATASET, "A dataset string: fashion-mnist-sample (bundled), fashion-mnist, idx:IMAGES,LABELS, "
                + "cifar10:DIR, npz:FILE, teacher-student, gaussian-mixture; '…' picks a file or folder");
        put(FormField.CLASSES, "Class ids to keep, separated by commas (empty: all classes)");
        put(FormField.N_GRID, "Training-set sizes, separated by commas; dynamics and the width sweep use the first");
        put(FormField.N_TEST, "Test examples (the same test set for every n of a seed)");
        put(FormField.SEEDS, "Independent repeats: each seed draws its own subsets and initialisation");
        put(FormField.ARCHITECTURE, "An MLP, or a Myrtle CNN of depth 5, 7 or 10");
        put(FormField.DEPTH, "Hidden layers of the MLP");
        put(FormField.WIDTH, "Hidden units (MLP) or channels (CNN): any whole number");
        put(FormField.WIDTHS, "Widths of a width sweep, separated by commas");
        put(FormField.ACTIVATION, "Nonlinearity of the hidden layers");
        put(FormField.PARAMETERIZATION, "ntk: multipliers σ/√fan_in in the function (NTK theory); standard: only in "
                + "the initialisation");
        put(FormField.INIT, "Law of the initial weights and biases: he, weights N(0, σ_w²/fan_in) with σ_w = √2 and "
                + "biases N(0, σ_b²); lecun, weights N(0, 1/fan_in) and biases N(0, σ_b²); pytorch, PyTorch's default, "
                + "weights and biases U(±1/√fan_in). The infinite-width kernels use the same variances");
        put(FormField.OPTIMIZER, "sgd, SGD with Nesterov momentum, or Adam");
        put(FormField.LEARNING_RATE, "Step size of the optimiser");
        put(FormField.BATCH_SIZE, "Examples per minibatch");
        put(FormField.BUDGET, "How long each network trains: epochs (fewer steps for small n), a step budget (the "
                + "same at every n), or until a training target is met, with a step cap");
        put(FormField.EPOCHS, "Passes over the training set");
        put(FormField.STEPS, "Optimisation steps, the same at every training-set size");
        put(FormField.TRAIN_ERROR, "Stop once the training error on the whole training set is at or below this "
                + "(empty: not part of the rule)");
        put(FormField.TRAIN_LOSS, "Stop once the training loss is at or below this (empty: not part of the rule)");
        put(FormField.MAX_STEPS, "The most steps a network may take; networks that reach it without meeting the "
                + "rule are flagged wherever α is shown");
        put(FormField.LEARNERS, "What is compared: the network, and kernel regression with its eNTK at "
                + "initialisation, a pre-trained network's eNTK, the infinite NTK or the NNGP");
        put(FormField.N0, "Training examples of the pre-trained network whose kernel is taken");
        put(FormField.RICHNESS_GRID, "The values of α the richness study trains α·(f − f₀) at, e.g. 0.1, 1, 10, 100");
        put(FormField.PROBE_SIZE, "Examples of the fixed probe set on which kernels are measured");
        put(FormField.PREPROCESSING, "How inputs are scaled before training");
        put(FormField.SIGMA_W, "Weight scale σ_w of the initialisation");
        put(FormField.SIGMA_B, "Bias scale σ_b of the initialisation");
        put(FormField.MOMENTUM, "Momentum (β₁ for Adam)");
        put(FormField.WEIGHT_DECAY, "L2 weight decay");
        put(FormField.LOSS, "mse on centred one-hot targets, or cross-entropy (xent)");
        put(FormField.SCHEDULE, "Learning-rate schedule over the training budget");
        put(FormField.RIDGE, "Kernel-regression ridge, relative to the mean diagonal of K");
        put(FormField.DTYPE, "Floating-point precision of networks and kernels");
        put(FormField.SNAPSHOT_EVERY, "Epochs between kernel snapshots in a dynamics study");
        put(FormField.SNAPSHOT_REGRESSION, "Also regress with each probe-kernel snapshot (costs a test × probe "
                + "kernel each)");
        put(FormField.SAVE_KERNELS, "Keep every probe-kernel snapshot as .npy under kernels/ in the run folder, so a "
                + "reopened run shows its heatmap and the kernels can be checked in NumPy");
        put(FormField.CENTERED, "Train and evaluate f − f₀, the network's change since initialisation");
        put(FormField.RICHNESS, "Output scale α: trains α·(f − f₀) on L/α² (empty: off). Large α keeps the network "
                + "near its kernel (lazy), small α lets features move (rich). With SGD and momentum the loss is "
                + "divided by α²; Adam is refused, being scale-invariant");
    }

    private FieldHelp() {
    }

    private static void put(FormField f, String text) {
        TEXT.put(f, text);
    }

    static String of(FormField f) {
        return TEXT.getOrDefault(f, f.label());
    }
}
