package org.ntkexplorer.core.model;

/** How the learning rate changes over training; values are multipliers of the base rate. */
public enum LearningRateSchedule {
    CONSTANT("constant"),
    /** Half-cosine from 1 to 0 over all iterations. */
    COSINE("cosine"),
    /** ×0.1 after half and again after three quarters of the steps. */
    STEP("step");

    private final String id;

    LearningRateSchedule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The multiplier at step {@code step} (from 0) of a schedule spanning {@code totalSteps} steps. */
    public double multiplier(long step, long totalSteps) {
        double t = totalSteps <= 1 ? 0 : Math.min(1.0, step / (double) totalSteps);
        switch (this) {
            case COSINE:
                return 0.5 * (1 + Math.cos(Math.PI * t));
            case STEP:
                return t >= 0.75 ? 0.01 : t >= 0.5 ? 0.1 : 1.0;
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
