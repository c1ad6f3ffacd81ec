package org.ntkexplorer.core.model;

/** How the learning rate changes over training; values are multipliers of the base rate. */
public enum LearningRateSchedule {
    CONSTANT("constant"),
    /** Half-cosine from 1 to 0 over all iterations. */
    COSINE("cosine"),
    /** ×0.1 after half and again after three quarters of the epochs. */
    STEP("step");

    private final String id;

    LearningRateSchedule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public double multiplier(int iteration, int totalIterations, int epoch, int totalEpochs) {
        switch (this) {
            case COSINE:
                double t = totalIterations <= 1 ? 0 : Math.min(1.0, iteration / (double) totalIterations);
                return 0.5 * (1 + Math.cos(Math.PI * t));
            case STEP:
                return epoch >= 0.75 * totalEpochs ? 0.01 : epoch >= 0.5 * totalEpochs ? 0.1 : 1.0;
            default:
                return 1.0;
        }
    }

    public static LearningRateSchedule fromId(String id) {
        for (LearningRateSchedule s : values()) {
            if (s.id.equalsIgnoreCase(id.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown schedule '" + id + "'; expected constant, cosine or step");
    }
}
