package org.ntkexplorer.core.experiment.spec;

import org.ntkexplorer.core.model.LearningRateSchedule;
import org.ntkexplorer.core.model.LossKind;
import org.ntkexplorer.core.model.Optimizer;
import org.ntkexplorer.core.model.OutputTransform;
import org.ntkexplorer.core.model.TrainingBudget;
import org.ntkexplorer.core.model.TrainingConfig;

/**
 * The training keys of a spec: a {@link TrainingConfig} with the whole budget (epochs, steps or a stopping rule)
 * and what the loss sees of the network (centred, at a richness α). Unchecked, as {@link NetworkChoice} is.
 *
 * @param budget   how long each network trains
 * @param centered train and evaluate the network as f − f₀, its change since initialisation
 * @param richness the output scale α of the centred network α·(f − f₀) (NaN: off, the plain network)
 */
public record TrainingChoice(Optimizer optimizer, double learningRate, double momentum, int batchSize,
                             TrainingBudget budget, double weightDecay, LossKind loss, LearningRateSchedule schedule,
                             boolean centered, double richness) {

    /** The optimiser's settings; the budget's epochs (0 for a step budget or a stopping rule). */
    public TrainingConfig config() {
        return new TrainingConfig(optimizer, learningRate, momentum, batchSize, budget.epochs(), weightDecay, loss,
                schedule);
    }

    /**
     * What the training loss sees: α·(f − f₀) at its richness, f − f₀ when centred, else f. (A richness study sets
     * α per unit itself.)
     */
    public OutputTransform transform() {
        if (!Double.isNaN(richness)) {
            return OutputTransform.centered(richness);
        }
        return centered ? OutputTransform.centered(1) : OutputTransform.NONE;
    }

    public TrainingChoice withLearningRate(double rate) {
        return new TrainingChoice(optimizer, rate, momentum, batchSize, budget, weightDecay, loss, schedule, centered,
                richness);
    }
}
