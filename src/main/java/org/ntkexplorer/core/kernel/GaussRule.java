package org.ntkexplorer.core.kernel;

import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Nodes and weights of a Gauss quadrature rule, built by Golub–Welsch from the Jacobi matrix of the
 * orthogonal polynomials: the eigenvalues are the nodes and μ₀·(first eigenvector component)² the weights.
 */
public record GaussRule(double[] nodes, double[] weights) {

    /** Gauss–Legendre on [−1, 1] (weight 1). */
    public static GaussRule legendre(int points) {
        requirePositive(points);
        double[] main = new double[points];
        double[] off = new double[points - 1];
        for (int k = 1; k < points; k++) {
            off[k - 1] = k / Math.sqrt(4.0 * k * k - 1);
        }
        return golubWelsch(main, off, 2.0);
    }

    /** Gauss–Hermite for the standard normal: Σ wᵢ f(xᵢ) ≈ E[f(z)], z ~ N(0, 1) (probabilists' polynomials). */
    public static GaussRule hermite(int points) {
        requirePositive(points);
        double[] main = new double[points];
        double[] off = new double[points - 1];
        for (int k = 1; k < points; k++) {
            off[k - 1] = Math.sqrt(k);
        }
        return golubWelsch(main, off, 1.0);
    }

    /** Gauss–Laguerre on [0, ∞) with weight e^(−s). */
    public static GaussRule laguerre(int points) {
        requirePositive(points);
        double[] main = new double[points];
        double[] off = new double[points - 1];
        for (int k = 0; k < points; k++) {
            main[k] = 2 * k + 1;
            if (k > 0) {
                off[k - 1] = k;
            }
        }
        return golubWelsch(main, off, 1.0);
    }

    public int size() {
        return nodes.length;
    }

    private static GaussRule golubWelsch(double[] main, double[] off, double mu0) {
        int m = main.length;
        if (m == 1) {
            return new GaussRule(new double[] {main[0]}, new double[] {mu0});
        }
        EigenDecomposition eig = new EigenDecomposition(main, off);
        double[] nodes = eig.getRealEigenvalues();
        double[] weights = new double[m];
        for (int i = 0; i < m; i++) {
            double v0 = eig.getEigenvector(i).getEntry(0);
            weights[i] = mu0 * v0 * v0;
        }
        sortByNode(nodes, weights);
        return new GaussRule(nodes, weights);
    }

    private static void sortByNode(double[] nodes, double[] weights) {
        for (int i = 1; i < nodes.length; i++) {
            double x = nodes[i];
            double w = weights[i];
            int j = i - 1;
            while (j >= 0 && nodes[j] > x) {
                nodes[j + 1] = nodes[j];
                weights[j + 1] = weights[j];
                j--;
            }
            nodes[j + 1] = x;
            weights[j + 1] = w;
        }
    }

    private static void requirePositive(int points) {
        if (points < 1) {
            throw new IllegalArgumentException("A quadrature rule needs at least one point, got " + points);
        }
    }
}
