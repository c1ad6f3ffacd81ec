package org.ntkexplorer.core.experiment;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.ntkexplorer.core.data.Preprocessing;
import org.ntkexplorer.core.kernel.Precision;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.Architecture;
import org.ntkexplorer.core.model.Init;
import org.ntkexplorer.core.model.LearningRateSchedule;
import org.ntkexplorer.core.model.LossKind;
import org.ntkexplorer.core.model.Optimizer;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.model.TrainingBudget;

/** JSON → {@link ExperimentSpec}, collecting every problem instead of stopping at the first. */
final class SpecReader {
    private static final Set<String> KEYS = Set.of("study", "dataset", "classes", "nGrid", "nTest", "seeds",
            "preprocessing", "architecture", "depth", "width", "widths", "activation", "parameterization", "init", "sigmaW",
            "sigmaB", "optimizer", "learningRate", "momentum", "batchSize", "epochs", "weightDecay", "loss", "schedule",
            "learners", "probeSize", "ridge", "dtype", "n0", "snapshotEvery", "snapshotRegression",
            "saveKernels", "steps", "trainUntil", "centered", "richness", "richnessGrid");
    private static final Set<String> RULE_KEYS = Set.of("trainError", "trainLoss", "maxSteps");

    private final JsonNode root;
    private final List<InvalidSpecException.Problem> problems = new ArrayList<>();

    private SpecReader(JsonNode root) {
        this.root = root;
    }

    static ExperimentSpec parse(String json, String source) {
        JsonNode root;
        try {
            // A key given twice would otherwise keep its last value without a word.
            root = new ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw InvalidSpecException.of(source, JsonProblems.describe(e));
        }
        if (root == null || !root.isObject()) {
            throw InvalidSpecException.of(source, "must be a JSON object");
        }
        return new SpecReader(root).build(source);
    }

    private ExperimentSpec build(String source) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                problem(k, "unknown key '" + k + "'");
            }
        }
        if (!root.has("study")) {
            problem("study", "study is missing (scaling, pretrained, dynamics, width-sweep or richness)");
        }
        Study study = named("study", "scaling", Study::fromId);
        String dataset = text("dataset", "fashion-mnist-sample");
        int[] classes = root.has("classes") && !root.get("classes").isNull() ? ints("classes", new int[0], 0) : null;
        int[] nGrid = ints("nGrid", new int[] {100, 200, 400, 800}, 1);
        int nTest = integer("nTest", 1000, 1);
        int seeds = integer("seeds", 3, 1);
        Preprocessing pre = named("preprocessing", "standardize-channels", Preprocessing::fromId);
        Architecture arch = named("architecture", "mlp", Architecture::fromId);
        int depth = integer("depth", 2, 1);
        int width = integer("width", 512, 1);
        int[] widths = ints("widths", new int[0], 1);
        Activation act = named("activation", "relu", Activation::fromId);
        Parameterization par = named("parameterization", "ntk", Parameterization::fromId);
        Init init = named("init", "he", Init::fromId);
        double sigmaW = number("sigmaW", init.sigmaW(), 0, false);
        double sigmaB = number("sigmaB", 0.1, 0, true);
        if (!init.freeSigmaW() && root.has("sigmaW") && Math.abs(sigmaW - init.sigmaW()) > 1e-12 * init.sigmaW()) {
            problem("sigmaW", "init " + init.id() + " fixes σ_w = " + init.sigmaW() + " (weights of variance "
                    + (init == Init.PYTORCH ? "1/(3·fan_in)" : "1/fan_in") + "): leave sigmaW out, or use init he "
                    + "to choose σ_w");
        }
        if (!init.usesSigmaB() && root.has("sigmaB")) {
            problem("sigmaB", "init pytorch draws biases from U(±1/√fan_in), so σ_b does not apply: leave sigmaB "
                    + "out, or use init he or lecun to choose σ_b");
        }
        Optimizer opt = named("optimizer", "momentum", Optimizer::fromId);
        double lr = number("learningRate", 0.1, 0, false);
        double momentum = number("momentum", 0.9, 0, true);
        if (momentum >= 1) {
            problem("momentum", "momentum must be below 1 (got " + momentum + ")");
        }
        int batch = integer("batchSize", 64, 1);
        TrainingBudget budget = budget();
        double wd = number("weightDecay", 0, 0, true);
        LossKind loss = named("loss", "mse", LossKind::fromId);
        LearningRateSchedule schedule = named("schedule", "constant", LearningRateSchedule::fromId);
        List<Learner> learners = learners();
        int probe = integer("probeSize", 200, 2);
        double ridge = number("ridge", 1e-4, 0, true);
        Precision dtype = named("dtype", "float32", Precision::fromId);
        int n0 = integer("n0", 1000, 1);
        int every = integer("snapshotEvery", 1, 1);
        boolean snapshotRegression = root.has("snapshotRegression") && bool("snapshotRegression");
        boolean saveKernels = !root.has("saveKernels") || bool("saveKernels");
        double richness = root.has("richness") && !root.get("richness").isNull()
                ? number("richness", Double.NaN, 0, false) : Double.NaN;
        double[] richnessGrid = positives("richnessGrid");
        // Richness is defined on the centred network, so asking for it turns centring on unless said otherwise.
        boolean centered = root.has("centered") ? bool("centered")
                : !Double.isNaN(richness) || Studies.of(study).richnessGrid();
        // A field that could not be read holds its default here, so problems of combination are found together
        // with the field problems rather than after they are fixed.
        ExperimentSpec spec = new ExperimentSpec(study, dataset, classes, nGrid, nTest, seeds, pre, arch, depth, width,
                widths, act, par, sigmaW, sigmaB, opt, lr, momentum, batch, budget, wd, loss, schedule, learners, probe,
                ridge, dtype, n0, every, snapshotRegression, saveKernels, centered, richness, richnessGrid, init);
        problems.addAll(spec.crossProblems());
        problems.addAll(UnitCount.problems(spec));
        if (!problems.isEmpty()) {
            // The class list and the dataset name can only be checked against the dataset; report them with the
            // others rather than after these are fixed.
            problems.addAll(DatasetProblems.of(root));
            throw new InvalidSpecException(source, problems);
        }
        return spec;
    }

    private void problem(String key, String message) {
        problems.add(new InvalidSpecException.Problem(key, message));
    }

    /**
     * epochs, steps and trainUntil: epochs (default 20) only when neither of the others is given, since an epoch
     * budget gives small training sets fewer steps.
     */
    private TrainingBudget budget() {
        boolean stepsGiven = root.has("steps");
        JsonNode rule = root.get("trainUntil");
        boolean ruleGiven = rule != null && !rule.isNull();
        // Without steps or a rule, epochs is the whole budget: 0 would put untrained networks into the fits.
        int epochs = stepsGiven || ruleGiven ? integer("epochs", 0, 0) : integer("epochs", 20, 1);
        long steps = stepsGiven ? integer("steps", 0, 1) : 0;
        double trainError = Double.NaN;
        double trainLoss = Double.NaN;
        long maxSteps = 0;
        if (ruleGiven) {
            if (!rule.isObject()) {
                problem("trainUntil", "trainUntil must be an object such as {\"trainError\": 0.01, \"maxSteps\": 5000}");
                return TrainingBudget.ofEpochs(20);
            }
            rule.fieldNames().forEachRemaining(k -> {
                if (!RULE_KEYS.contains(k)) {
                    problem("trainUntil", "unknown key 'trainUntil." + k + "' (expected trainError, trainLoss, maxSteps)");
                }
            });
            trainError = ruleNumber(rule, "trainError");
            trainLoss = ruleNumber(rule, "trainLoss");
            if (!rule.has("trainError") && !rule.has("trainLoss") && !rule.has("maxSteps")) {
                // An empty rule would leave a budget of 0 epochs: untrained networks in the fits.
                problem("trainUntil", "trainUntil is empty; give trainError or trainLoss, and maxSteps, e.g. "
                        + "{\"trainError\": 0.01, \"maxSteps\": 5000}, or leave trainUntil out");
                return TrainingBudget.ofEpochs(20);
            }
            JsonNode m = rule.get("maxSteps");
            if (m != null) {
                if (!m.canConvertToInt() || !m.isIntegralNumber() || m.asInt() < 1) {
                    problem("trainUntil", "trainUntil.maxSteps must be a whole number ≥ 1 (got " + m + ")");
                } else {
                    maxSteps = m.asInt();
                }
            }
        }
        List<String> p = TrainingBudget.problems(epochs, steps, trainError, trainLoss, maxSteps);
        if (!p.isEmpty()) {
            p.forEach(msg -> problem(stepsGiven && !ruleGiven ? "steps" : ruleGiven ? "trainUntil" : "epochs", msg));
            return TrainingBudget.ofEpochs(20);
        }
        return new TrainingBudget(epochs, steps, trainError, trainLoss, maxSteps);
    }

    private double ruleNumber(JsonNode rule, String key) {
        JsonNode n = rule.get(key);
        if (n == null || n.isNull()) {
            return Double.NaN;
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            problem("trainUntil", "trainUntil." + key + " must be a finite number (got " + n + ")");
            return Double.NaN;
        }
        return n.asDouble();
    }

    private double[] positives(String key) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return new double[0];
        }
        if (!n.isArray()) {
            problem(key, key + " must be a list of positive numbers");
            return new double[0];
        }
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = n.get(i);
            if (!e.isNumber() || !(e.asDouble() > 0) || !Double.isFinite(e.asDouble())) {
                problem(key, key + "[" + i + "] must be a positive number (got " + e + ")");
            } else {
                out[i] = e.asDouble();
            }
        }
        return out;
    }

    private List<Learner> learners() {
        List<Learner> out = new ArrayList<>();
        JsonNode n = root.get("learners");
        if (n == null) {
            return List.of(Learner.NETWORK, Learner.ENTK_INIT);
        }
        if (!n.isArray() || n.isEmpty()) {
            problem("learners", "learners must be a non-empty list");
            return out;
        }
        for (JsonNode e : n) {
            try {
                Learner l = Learner.fromId(e.asText());
                if (!out.contains(l)) {
                    out.add(l);
                }
            } catch (IllegalArgumentException ex) {
                problem("learners", ex.getMessage());
            }
        }
        return out;
    }

    private <T> T named(String key, String fallback, Function<String, T> parse) {
        JsonNode n = root.get(key);
        String value = n == null ? fallback : n.asText();
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            problem(key, key + ": " + e.getMessage());
            return parse.apply(fallback);
        }
    }

    private String text(String key, String fallback) {
        JsonNode n = root.get(key);
        if (n == null) {
            return fallback;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            problem(key, key + " must be a non-empty string");
            return fallback;
        }
        return n.asText();
    }

    private boolean bool(String key) {
        JsonNode n = root.get(key);
        if (!n.isBoolean()) {
            problem(key, key + " must be true or false");
            return false;
        }
        return n.asBoolean();
    }

    private int integer(String key, int fallback, int min) {
        JsonNode n = root.get(key);
        if (n == null) {
            return fallback;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            problem(key, key + " must be a whole number (got " + n + ")");
            return fallback;
        }
        if (n.asInt() < min) {
            problem(key, key + " must be at least " + min + " (got " + n.asInt() + ")");
        }
        return n.asInt();
    }

    private double number(String key, double fallback, double min, boolean minAllowed) {
        JsonNode n = root.get(key);
        if (n == null) {
            return fallback;
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            problem(key, key + " must be a finite number (got " + n + ")");
            return fallback;
        }
        double v = n.asDouble();
        if (minAllowed ? v < min : v <= min) {
            problem(key, key + " must be " + (minAllowed ? "at least " : "greater than ") + min + " (got " + v + ")");
        }
        return v;
    }

    private int[] ints(String key, int[] fallback, int min) {
        JsonNode n = root.get(key);
        if (n == null) {
            return fallback;
        }
        if (!n.isArray()) {
            problem(key, key + " must be a list of whole numbers");
            return fallback;
        }
        int[] out = new int[n.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = n.get(i);
            if (!e.isIntegralNumber() || e.asInt() < min) {
                problem(key, key + "[" + i + "] must be a whole number ≥ " + min + " (got " + e + ")");
            } else {
                out[i] = e.asInt();
            }
        }
        return out;
    }
}
