package org.ntkexplorer.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * How a network is trained.
 *
 * @param momentum    used by {@link Optimizer#MOMENTUM} (Nesterov) and as β₁ by Adam
 * @param weightDecay L2 coefficient on every weight and bias (0 for none)
 */
public record TrainingConfig(Optimizer optimizer, double learningRate, double momentum, int batchSize, int epochs,
                             double weightDecay, LossKind loss, LearningRateSchedule schedule) {

    public TrainingConfig {
        List<String> problems = new ArrayList<>();
        if (optimizer == null) {
            problems.add("optimizer is missing");
        }
        if (loss == null) {
            problems.add("loss is missing");
        }
        if (schedule == null) {
            problems.add("schedule is missing");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            problems.add("learning rate must be a positive finite number (got " + learningRate + ")");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            problems.add("momentum must be in [0, 1) (got " + momentum + ")");
        }
        if (batchSize < 1) {
            problems.add("batch size must be at least 1 (got " + batchSize + ")");
        }
        if (epochs < 0) {
            problems.add("epochs must be ≥ 0 (got " + epochs + ")");
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            problems.add("weight decay must be a finite number ≥ 0 (got " + weightDecay + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid training settings: " + String.join("; ", problems));
        }
    }

    /** SGD with Nesterov momentum 0.9, MSE, constant rate. */
    public static TrainingConfig sgdMomentum(double learningRate, int batchSize, int epochs) {
        return new TrainingConfig(Optimizer.MOMENTUM, learningRate, 0.9, batchSize, epochs, 0, LossKind.MSE,
                LearningRateSchedule.CONSTANT);
    }
}
