package org.ntkexplorer.core.data;

import java.nio.file.Path;

/** Lets the CLI tests write the same NaN archive as {@link FiniteInputsTest}. */
public final class FiniteInputsTestAccess {
    private FiniteInputsTestAccess() {
    }

    public static Path npzWithNaN(Path file, int badExample) throws Exception {
        return FiniteInputsTest.npzWith(file, Double.NaN, badExample, false);
    }
}
