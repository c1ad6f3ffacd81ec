package org.ntkexplorer.core.regression;

/** The Cholesky factorisation of K + ridge·mean(diag K)·I failed: the regularised kernel is not positive definite. */
public class KernelNotPositiveDefiniteException extends ArithmeticException {
    private final double relativeRidge;
    private final int failedPivot;

    public KernelNotPositiveDefiniteException(double relativeRidge, double absoluteRidge, int failedPivot, int n) {
        super(String.format("Kernel matrix (n=%d) plus ridge %.3g × mean(diag K) = %.3g is not positive definite "
                + "(Cholesky failed at pivot %d); use a larger ridge, e.g. %.1g", n, relativeRidge, absoluteRidge,
                failedPivot, suggestedRidge(relativeRidge)));
        this.relativeRidge = relativeRidge;
        this.failedPivot = failedPivot;
    }

    public double relativeRidge() {
        return relativeRidge;
    }

    /** 1-based order of the leading minor that was not positive definite. */
    public int failedPivot() {
        return failedPivot;
    }

    static double suggestedRidge(double relativeRidge) {
        return relativeRidge > 0 ? relativeRidge * 10 : 1e-6;
    }
}
