package org.ntkexplorer.core.model;

import org.apache.commons.math3.special.Erf;

/**
 * Pointwise nonlinearities of the hidden layers. Scalar forms are the single source of truth: the
 * network, the eNTK backward signals and the infinite-width kernels all evaluate φ and φ' here.
 */
public enum Activation {
    RELU("relu") {
        @Override public double apply(double x) { return x > 0 ? x : 0; }
        @Override public double derivative(double x) { return x > 0 ? 1 : 0; }
    },
    TANH("tanh") {
        @Override public double apply(double x) { return Math.tanh(x); }
        @Override public double derivative(double x) { double t = Math.tanh(x); return 1 - t * t; }
    },
    ERF("erf") {
        @Override public double apply(double x) { return Erf.erf(x); }
        @Override public double derivative(double x) { return TWO_OVER_SQRT_PI * Math.exp(-x * x); }
    },
    /** Exact GELU x·Φ(x) (not the tanh approximation), so quadrature and network agree. */
    GELU("gelu") {
        @Override public double apply(double x) { return x * normalCdf(x); }
        @Override public double derivative(double x) { return normalCdf(x) + x * normalPdf(x); }
    };

    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    public abstract double apply(double x);

    public abstract double derivative(double x);

    /** Lower-case name used in specs, the CLI and model.json. */
    public String id() {
        return id;
    }

    public static Activation fromId(String id) {
        for (Activation a : values()) {
            if (a.id.equalsIgnoreCase(id.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown activation '" + id + "'; expected one of relu, tanh, erf, gelu");
    }

    static double normalCdf(double x) {
        return 0.5 * Erf.erfc(-x / Math.sqrt(2));
    }

    static double normalPdf(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }
}
