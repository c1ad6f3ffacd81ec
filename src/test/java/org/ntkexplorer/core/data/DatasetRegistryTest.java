package org.ntkexplorer.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.data.DatasetException.Problem;

class DatasetRegistryTest {
    @Test
    void unknownDatasetListsWhatIsKnown() {
        DatasetException e = assertThrows(DatasetException.class, () -> DatasetRegistry.open("mnistt"));
        assertEquals(Problem.UNKNOWN_DATASET, e.problem());
        assertTrue(e.getMessage().contains("fashion-mnist-sample") && e.getMessage().contains("cifar10:DIR"), e.getMessage());
    }

    @Test
    void malformedSpecs() {
        for (String bad : new String[] {"", "idx:only-one-file", "fashion-mnist?x=1", "gaussian-mixture?classes", "npz:"}) {
            DatasetException e = assertThrows(DatasetException.class, () -> DatasetRegistry.open(bad), bad);
            assertEquals(Problem.BAD_SPEC, e.problem(), bad);
        }
    }

    @Test
    void availableListsOnlyWhatOpens() {
        for (String spec : DatasetRegistry.available()) {
            if (!spec.equals(DatasetRegistry.FASHION_MNIST)) {
                DatasetSource s = DatasetRegistry.open(spec.startsWith("teacher") ? spec + "?size=10&width=4"
                        : spec.startsWith("gaussian") ? spec + "?size=10" : spec);
                assertTrue(s.train().size() > 0, spec);
            }
        }
        assertTrue(DatasetRegistry.available().contains(DatasetRegistry.SAMPLE), "surefire points ntk.sampleData at sample-data/");
    }

    @Test
    void specParsingKeepsWindowsPathsAndParameters() {
        DatasetSpec s = DatasetSpec.parse(" npz:C:\\data\\cifar5m.npz?x=X_0&Layout=chw ");
        assertEquals("npz", s.kind());
        assertEquals("C:\\data\\cifar5m.npz", s.argument());
        assertEquals("X_0", s.string("x", null));
        assertEquals("chw", s.string("layout", null));
    }
}
