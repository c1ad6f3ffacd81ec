package org.ntkexplorer.core.experiment;

import java.util.List;

/** A row of width.csv: one width of a width sweep at one seed, with how its network was trained. */
public record WidthRow(int width, long seed, double distanceToInfinite, double kernelMovement, double testError,
                       double testMse, long steps, Boolean converged) {

    static final RowSchema<WidthRow> SCHEMA = new RowSchema<>() {
        @Override
        public String file() {
            return "width.csv";
        }

        @Override
        public List<String> columns() {
            return List.of("width", "seed", "distance_to_infinite", "kernel_movement", "test_error", "test_mse",
                    "steps", "converged");
        }

        @Override
        public String[] cells(WidthRow r) {
            return new String[] {Integer.toString(r.width), Long.toString(r.seed), RowSchema.num(r.distanceToInfinite),
                    RowSchema.num(r.kernelMovement), RowSchema.num(r.testError), RowSchema.num(r.testMse),
                    RowSchema.count(r.steps), RowSchema.flag(r.converged)};
        }

        @Override
        public WidthRow parse(Cells c) {
            return new WidthRow(c.integer("width"), c.whole("seed"), c.number("distance_to_infinite"),
                    c.number("kernel_movement"), c.number("test_error"), c.number("test_mse"),
                    c.wholeOrMinus1("steps"), c.flag("converged"));
        }
    };

    ExperimentEvent.WidthPointDone event() {
        return new ExperimentEvent.WidthPointDone(width, seed, distanceToInfinite, kernelMovement, testError, testMse);
    }
}
