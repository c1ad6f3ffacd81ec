package org.ntkexplorer.core.experiment.spec;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.ntkexplorer.core.data.DatasetException;
import org.ntkexplorer.core.data.DatasetRegistry;
import org.ntkexplorer.core.data.DatasetSource;
import org.ntkexplorer.core.data.Layout;
import org.ntkexplorer.core.data.SubsetCheck;

/**
 * The dataset name and the class list of a spec that has other problems, checked against the dataset, so that a
 * class that does not exist is reported with them instead of only after they are fixed. Anything that cannot be
 * read here is left to the check before the run ({@link org.ntkexplorer.core.experiment.run.Preflight}).
 */
final class DatasetProblems {
    private DatasetProblems() {
    }

    static List<InvalidSpecException.Problem> of(JsonNode root) {
        List<InvalidSpecException.Problem> out = new ArrayList<>();
        JsonNode name = root.get(SpecFields.DATASET.key());
        String dataset = name == null ? SpecFields.DATASET.defaultValue() : name.isTextual() ? name.asText() : null;
        if (dataset == null || dataset.isBlank()) {
            return out;
        }
        DatasetSource source;
        try {
            source = DatasetRegistry.open(dataset);
        } catch (DatasetException e) {
            if (e.problem() == DatasetException.Problem.UNKNOWN_DATASET
                    || e.problem() == DatasetException.Problem.BAD_SPEC) {
                out.add(new InvalidSpecException.Problem(SpecFields.DATASET.key(), SpecFields.DATASET.key() + ": "
                        + e.getMessage()));
            }
            return out;
        } catch (RuntimeException e) {
            return out;
        }
        int[] classes = classes(root.get(SpecFields.CLASSES.key()));
        if (classes != null) {
            SubsetCheck.of(source).classProblems(classes, Layout.FLAT)
                    .forEach(p -> out.add(new InvalidSpecException.Problem(SpecFields.CLASSES.key(), p)));
        }
        return out;
    }

    /** The class list when it is a list of whole numbers (otherwise its own problem is already reported). */
    private static int[] classes(JsonNode n) {
        if (n == null || !n.isArray()) {
            return null;
        }
        int[] out = new int[n.size()];
        for (int i = 0; i < out.length; i++) {
            if (!n.get(i).canConvertToInt() || !n.get(i).isIntegralNumber()) {
                return null;
            }
            out[i] = n.get(i).asInt();
        }
        return out;
    }
}
