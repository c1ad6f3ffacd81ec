package org.ntkexplorer.core.experiment.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.ntkexplorer.core.model.Init;
import org.ntkexplorer.core.model.TrainingBudget;
import static org.ntkexplorer.core.experiment.spec.SpecFields.CENTERED;
import static org.ntkexplorer.core.experiment.spec.SpecFields.EPOCHS;
import static org.ntkexplorer.core.experiment.spec.SpecFields.INIT;
import static org.ntkexplorer.core.experiment.spec.SpecFields.LEARNERS;
import static org.ntkexplorer.core.experiment.spec.SpecFields.MAX_STEPS;
import static org.ntkexplorer.core.experiment.spec.SpecFields.MOMENTUM;
import static org.ntkexplorer.core.experiment.spec.SpecFields.RICHNESS;
import static org.ntkexplorer.core.experiment.spec.SpecFields.RICHNESS_GRID;
import static org.ntkexplorer.core.experiment.spec.SpecFields.RULE;
import static org.ntkexplorer.core.experiment.spec.SpecFields.SIGMA_B;
import static org.ntkexplorer.core.experiment.spec.SpecFields.SIGMA_W;
import static org.ntkexplorer.core.experiment.spec.SpecFields.STEPS;
import static org.ntkexplorer.core.experiment.spec.SpecFields.STUDY;
import static org.ntkexplorer.core.experiment.spec.SpecFields.TRAIN_ERROR;
import static org.ntkexplorer.core.experiment.spec.SpecFields.TRAIN_LOSS;
import static org.ntkexplorer.core.experiment.spec.SpecFields.TRAIN_UNTIL;

/**
 * The readings of {@link SpecFields} that are more than one value in a range: a default or a check that depends on
 * other keys, a list of choices, and the training budget, which three keys give together.
 */
final class SpecChecks {
    private SpecChecks() {
    }

    /** σ_b, then what the init law says of both σ's (a law may fix σ_w, or leave σ_b out). */
    static Double sigmaB(SpecReader r) {
        double sigmaB = SIGMA_B.readInRange(r);
        Init init = r.value(INIT);
        double sigmaW = r.value(SIGMA_W);
        if (!SpecFields.heldUnder(SIGMA_W, init) && r.has(SIGMA_W.key())
                && Math.abs(sigmaW - init.sigmaW()) > 1e-12 * init.sigmaW()) {
            r.problem(SIGMA_W.key(), INIT.key() + " " + init.id() + " fixes σ_w = " + init.sigmaW()
                    + " (weights of variance " + (init == Init.PYTORCH ? "1/(3·fan_in)" : "1/fan_in") + "): leave "
                    + SIGMA_W.key() + " out, or use " + INIT.key() + " he to choose σ_w");
        }
        if (!SpecFields.heldUnder(SIGMA_B, init) && r.has(SIGMA_B.key())) {
            r.problem(SIGMA_B.key(), INIT.key() + " pytorch draws biases from U(±1/√fan_in), so σ_b does not apply: "
                    + "leave " + SIGMA_B.key() + " out, or use " + INIT.key() + " he or lecun to choose σ_b");
        }
        return sigmaB;
    }

    static Double momentum(SpecReader r) {
        double momentum = MOMENTUM.readInRange(r);
        if (momentum >= 1) {
            r.problem(MOMENTUM.key(), MOMENTUM.key() + " must be below 1 (got " + momentum + ")");
        }
        return momentum;
    }

    /** Asked for richness (a value, or a study over a grid of them) turns centring on unless said otherwise. */
    static Boolean centered(SpecReader r) {
        // Read first, so that their problems come before this one's, in the order of the keys in spec.json.
        double richness = r.value(RICHNESS);
        r.value(RICHNESS_GRID);
        return r.has(CENTERED.key()) ? r.bool(CENTERED.key())
                : !Double.isNaN(richness) || Studies.of(r.value(STUDY)).richnessGrid();
    }

    static List<Learner> learners(SpecReader r) {
        String key = LEARNERS.key();
        List<Learner> out = new ArrayList<>();
        JsonNode n = r.node(key);
        if (n == null) {
            return LEARNERS.defaultValue();
        }
        if (!n.isArray() || n.isEmpty()) {
            r.problem(key, key + " must be a non-empty list");
            return out;
        }
        for (JsonNode e : n) {
            try {
                Learner l = Learner.fromId(e.asText());
                if (!out.contains(l)) {
                    out.add(l);
                }
            } catch (IllegalArgumentException ex) {
                r.problem(key, ex.getMessage());
            }
        }
        return out;
    }

    /**
     * epochs, steps and trainUntil: epochs (default 20) only when neither of the others is given, since an epoch
     * budget gives small training sets fewer steps.
     */
    static TrainingBudget budget(SpecReader r) {
        String key = TRAIN_UNTIL.key();
        boolean stepsGiven = r.has(STEPS.key());
        int epochs = r.value(EPOCHS);
        long steps = r.value(STEPS);
        JsonNode rule = r.node(key);
        boolean ruleGiven = rule != null && !rule.isNull();
        double trainError = Double.NaN;
        double trainLoss = Double.NaN;
        long maxSteps = 0;
        if (ruleGiven) {
            String example = "{\"" + TRAIN_ERROR.name() + "\": 0.01, \"" + MAX_STEPS.name() + "\": 5000}";
            if (!rule.isObject()) {
                r.problem(key, key + " must be an object such as " + example);
                return TRAIN_UNTIL.defaultValue();
            }
            rule.fieldNames().forEachRemaining(k -> {
                if (RULE.stream().noneMatch(f -> f.name().equals(k))) {
                    r.problem(key, "unknown key '" + key + "." + k + "' (expected "
                            + RULE.stream().map(SpecField::name).collect(Collectors.joining(", ")) + ")");
                }
            });
            trainError = ruleNumber(r, rule, TRAIN_ERROR.name());
            trainLoss = ruleNumber(r, rule, TRAIN_LOSS.name());
            if (RULE.stream().noneMatch(f -> rule.has(f.name()))) {
                // An empty rule would leave a budget of 0 epochs: untrained networks in the fits.
                r.problem(key, key + " is empty; give " + TRAIN_ERROR.name() + " or " + TRAIN_LOSS.name() + ", and "
                        + MAX_STEPS.name() + ", e.g. " + example + ", or leave " + key + " out");
                return TRAIN_UNTIL.defaultValue();
            }
            JsonNode m = rule.get(MAX_STEPS.name());
            if (m != null) {
                if (!m.canConvertToInt() || !m.isIntegralNumber() || m.asInt() < 1) {
                    r.problem(key, MAX_STEPS.key() + " must be a whole number ≥ 1 (got " + m + ")");
                } else {
                    maxSteps = m.asInt();
                }
            }
        }
        List<String> p = TrainingBudget.problems(epochs, steps, trainError, trainLoss, maxSteps);
        if (!p.isEmpty()) {
            String at = stepsGiven && !ruleGiven ? STEPS.key() : ruleGiven ? key : EPOCHS.key();
            p.forEach(msg -> r.problem(at, msg));
            return TRAIN_UNTIL.defaultValue();
        }
        return new TrainingBudget(epochs, steps, trainError, trainLoss, maxSteps);
    }

    private static double ruleNumber(SpecReader r, JsonNode rule, String name) {
        JsonNode n = rule.get(name);
        if (n == null || n.isNull()) {
            return Double.NaN;
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            r.problem(TRAIN_UNTIL.key(), TRAIN_UNTIL.key() + "." + name + " must be a finite number (got " + n + ")");
            return Double.NaN;
        }
        return n.asDouble();
    }
}
