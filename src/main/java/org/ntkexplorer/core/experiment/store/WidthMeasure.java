package org.ntkexplorer.core.experiment.store;

/** What a width sweep measures at each width, as named in width.csv and fits.json. */
public enum WidthMeasure {
    DISTANCE_TO_INFINITE("distance_to_infinite", "distance to the infinite NTK at init"),
    KERNEL_MOVEMENT("kernel_movement", "kernel movement in training"),
    TEST_ERROR("test_error", "test error");

    /** Prefix of width-sweep fits in fits.json, so they sit apart from the learners' fits. */
    public static final String FIT_PREFIX = "width-sweep/";

    private final String id;
    private final String label;

    WidthMeasure(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public double of(WidthRow w) {
        return switch (this) {
            case DISTANCE_TO_INFINITE -> w.distanceToInfinite();
            case KERNEL_MOVEMENT -> w.kernelMovement();
            case TEST_ERROR -> w.testError();
        };
    }

    public static WidthMeasure fromId(String id) {
        for (WidthMeasure m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown width-sweep measure '" + id + "'");
    }
}
