package org.ntkexplorer.core.experiment.store;

/** A figure of results.csv that scaling laws are fitted to: the test error or the test MSE. */
public enum Metric {
    TEST_ERROR("test_error"), TEST_MSE("test_mse");

    private final String id;

    Metric(String id) {
        this.id = id;
    }

    /** The name used in results.csv's columns and fits.json. */
    public String id() {
        return id;
    }

    public static Metric fromId(String id) {
        for (Metric m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + id + "' (expected test_error or test_mse)");
    }

    public double of(ResultRow r) {
        return this == TEST_ERROR ? r.testError() : r.testMse();
    }

    /** The metric in words, as menus and axes show it: "test error", "test MSE". */
    public String label() {
        return this == TEST_ERROR ? "test error" : "test MSE";
    }
}
