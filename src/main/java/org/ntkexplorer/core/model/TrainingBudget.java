package org.ntkexplorer.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * How long a network is trained (docs/science.md, §Training protocol). One of three forms:
 * <ul>
 *   <li>a fixed number of optimisation steps, the same at every training-set size ({@code steps});</li>
 *   <li>a stopping rule: train until the training error or the training loss, measured on the whole training
 *       set, is at or below a threshold, with a step cap ({@code trainError}, {@code trainLoss},
 *       {@code maxSteps}; {@code steps} may serve as the cap);</li>
 *   <li>a number of epochs ({@code epochs}), which gives fewer steps to smaller training sets and is kept for
 *       older specs.</li>
 * </ul>
 * The learning-rate schedule always spans {@link #scheduleSteps}: the step budget, or the cap of a stopping rule.
 *
 * @param epochs     passes over the training set when neither steps nor a rule is given (else 0)
 * @param steps      optimisation steps (0 when not given)
 * @param trainError stop once the training error is ≤ this (NaN: not part of the rule)
 * @param trainLoss  stop once the training loss is ≤ this (NaN: not part of the rule)
 * @param maxSteps   the cap of a stopping rule (0 when {@code steps} is the cap or there is no rule)
 */
public record TrainingBudget(int epochs, long steps, double trainError, double trainLoss, long maxSteps) {

    public TrainingBudget {
        List<String> problems = problems(epochs, steps, trainError, trainLoss, maxSteps);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid training budget: " + String.join("; ", problems));
        }
    }

    public static TrainingBudget ofEpochs(int epochs) {
        return new TrainingBudget(epochs, 0, Double.NaN, Double.NaN, 0);
    }

    public static TrainingBudget ofSteps(long steps) {
        return new TrainingBudget(0, steps, Double.NaN, Double.NaN, 0);
    }

    /** What makes a budget impossible, in the spec's words; empty when it can run. */
    public static List<String> problems(int epochs, long steps, double trainError, double trainLoss, long maxSteps) {
        List<String> p = new ArrayList<>();
        boolean rule = !Double.isNaN(trainError) || !Double.isNaN(trainLoss);
        if (epochs < 0 || steps < 0 || maxSteps < 0) {
            p.add("epochs, steps and trainUntil.maxSteps must not be negative");
        }
        if (!Double.isNaN(trainError) && !(trainError >= 0 && trainError < 1)) {
            p.add("trainUntil.trainError must be in [0, 1) (got " + trainError + ")");
        }
        if (!Double.isNaN(trainLoss) && !(trainLoss > 0 && Double.isFinite(trainLoss))) {
            p.add("trainUntil.trainLoss must be a positive number (got " + trainLoss + ")");
        }
        if (maxSteps > 0 && !rule) {
            p.add("trainUntil needs trainError or trainLoss, or both");
        }
        if (rule && steps == 0 && maxSteps == 0) {
            p.add("trainUntil needs maxSteps (or give steps as the cap)");
        }
        if (rule && steps > 0 && maxSteps > 0) {
            p.add("give the cap once: steps or trainUntil.maxSteps, not both");
        }
        if ((steps > 0 || rule) && epochs > 0) {
            p.add("give epochs, or steps and/or trainUntil, not both");
        }
        return p;
    }

    public boolean hasRule() {
        return !Double.isNaN(trainError) || !Double.isNaN(trainLoss);
    }

    /** True when the budget is a number of epochs, so the step count depends on the training-set size. */
    public boolean isEpochs() {
        return steps == 0 && !hasRule();
    }

    /** The most steps a network of n examples trained in batches of {@code batchSize} may take. */
    public long scheduleSteps(int n, int batchSize) {
        if (steps > 0) {
            return steps;
        }
        if (maxSteps > 0) {
            return maxSteps;
        }
        return (long) epochs * stepsPerEpoch(n, batchSize);
    }

    public static int stepsPerEpoch(int n, int batchSize) {
        return (int) Math.ceil(n / (double) batchSize);
    }

    /** True when measured training figures satisfy the stopping rule (false when there is none). */
    public boolean ruleMet(double measuredTrainError, double measuredTrainLoss) {
        if (!hasRule()) {
            return false;
        }
        boolean errorOk = Double.isNaN(trainError) || measuredTrainError <= trainError;
        boolean lossOk = Double.isNaN(trainLoss) || measuredTrainLoss <= trainLoss;
        return errorOk && lossOk;
    }

    /** One line for logs, help texts and the README: what the budget is. */
    public String describe() {
        if (isEpochs()) {
            return epochs + " epochs";
        }
        if (!hasRule()) {
            return steps + " steps";
        }
        List<String> rule = new ArrayList<>();
        if (!Double.isNaN(trainError)) {
            rule.add("train error ≤ " + trainError);
        }
        if (!Double.isNaN(trainLoss)) {
            rule.add("train loss ≤ " + trainLoss);
        }
        return "until " + String.join(" and ", rule) + ", at most " + (steps > 0 ? steps : maxSteps) + " steps";
    }
}
