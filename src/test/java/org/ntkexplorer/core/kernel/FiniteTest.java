package org.ntkexplorer.core.kernel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.linalg.SymmetricLapack;
import org.ntkexplorer.core.regression.KernelRidge;

/** A non-finite kernel is refused, with where and why, before LAPACK or a file sees it. */
class FiniteTest {
    private static INDArray kernelWith(double value, int row, int col) {
        INDArray k = Nd4j.eye(5).castTo(DataType.DOUBLE);
        k.putScalar(row, col, value);
        return k;
    }

    @Test
    void finiteKernelsPass() {
        assertDoesNotThrow(() -> Finite.requireFinite(Nd4j.eye(4), "K"));
        // Finite float32 entries whose sum overflows are still finite.
        INDArray big = Nd4j.valueArrayOf(new long[] {3, 3}, 3e38f, DataType.FLOAT);
        assertDoesNotThrow(() -> Finite.requireFinite(big, "K"));
    }

    @Test
    void firstNonFiniteEntryIsNamedWithTheLikelyCause() {
        var e = assertThrows(Finite.NonFiniteException.class,
                () -> Finite.requireFinite(kernelWith(Double.NaN, 2, 3), "The test kernel"));
        assertTrue(e.getMessage().startsWith("The test kernel holds non-finite values (NaN at row 2, column 3"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Likely cause") && e.getMessage().contains("datasets --describe"),
                e.getMessage());
        var inf = assertThrows(Finite.NonFiniteException.class,
                () -> Finite.requireFinite(kernelWith(Double.POSITIVE_INFINITY, 4, 0), "K"));
        assertTrue(inf.getMessage().contains("Infinity at row 4, column 0"), inf.getMessage());
    }

    @Test
    void spectrumAndRegressionRefuseNaNInTheProjectsWords() {
        INDArray k = kernelWith(Double.NaN, 1, 1);
        var spectrum = assertThrows(ArithmeticException.class, () -> KernelSpectrum.of(k));
        var ridge = assertThrows(ArithmeticException.class,
                () -> KernelRidge.fit(k, Nd4j.ones(DataType.DOUBLE, 5, 1), 1e-4));
        var lapack = assertThrows(ArithmeticException.class,
                () -> SymmetricLapack.eigenInPlace(new double[] {1, 1, Double.NaN, 1}, 2, false));
        for (ArithmeticException e : new ArithmeticException[] {spectrum, ridge, lapack}) {
            assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("row 1"), e.getMessage());
            assertFalse(e.getMessage().contains("dsyevd") || e.getMessage().contains("info -5")
                    || e.getMessage().contains("positive definite"), e.getMessage());
        }
    }

    @Test
    void aNaNKernelIsNeverWritten(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        var e = assertThrows(Finite.NonFiniteException.class, () -> KernelExport.write(dir.resolve("k"),
                new java.util.HashMap<>(), new double[5], 5, 1, null, kernelWith(Double.NaN, 0, 0), null));
        assertTrue(e.getMessage().contains("kernel.npy"), e.getMessage());
        assertFalse(java.nio.file.Files.exists(dir.resolve("k/kernel.npy")));
    }
}
