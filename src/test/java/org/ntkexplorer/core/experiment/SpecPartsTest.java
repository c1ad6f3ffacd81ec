package org.ntkexplorer.core.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.model.NetworkSpec;

/** Each part of a spec holds exactly the keys the table assigns to it. */
class SpecPartsTest {

    private static Set<String> keysOf(SpecField.Part part) {
        return SpecFields.ALL.stream().filter(f -> f.part() == part).map(SpecField::key)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> components(Class<?>... records) {
        return Arrays.stream(records).flatMap(r -> Arrays.stream(r.getRecordComponents())).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void thePartsHoldTheTablesKeys() {
        assertEquals(keysOf(SpecField.Part.DATA), components(DataSpec.class));
        assertEquals(keysOf(SpecField.Part.KERNEL), components(KernelSpec.class));
        assertEquals(keysOf(SpecField.Part.STUDY_PARAMS), components(StudyParams.class.getPermittedSubclasses()));
        Set<String> network = components(NetworkSpec.class);
        network.removeAll(Set.of("outputs", "inputShape"));
        assertEquals(keysOf(SpecField.Part.NETWORK), network);
    }

    @Test
    void eachStudyGetsItsOwnParameters() {
        ExperimentSpec sweep = ExperimentSpec.parse("{\"study\": \"width-sweep\", \"widths\": [8, 16]}");
        assertArrayEquals(new int[] {8, 16}, assertInstanceOf(StudyParams.WidthSweep.class, sweep.studyParams())
                .widths());
        ExperimentSpec dyn = ExperimentSpec.parse("{\"study\": \"dynamics\", \"snapshotEvery\": 3}");
        assertEquals(3, assertInstanceOf(StudyParams.Dynamics.class, dyn.studyParams()).snapshotEvery());
        ExperimentSpec pre = ExperimentSpec.parse("{\"study\": \"pretrained\", \"n0\": 50, "
                + "\"learners\": [\"network\", \"entk-pretrained\"]}");
        assertEquals(50, assertInstanceOf(StudyParams.Pretrained.class, pre.studyParams()).n0());
        assertInstanceOf(StudyParams.Snapshots.class, ExperimentSpec.defaults().studyParams());
        assertEquals(ExperimentSpec.defaults().dataset(), ExperimentSpec.defaults().data().dataset());
        assertEquals(ExperimentSpec.defaults().learners(), ExperimentSpec.defaults().kernel().learners());
    }
}
