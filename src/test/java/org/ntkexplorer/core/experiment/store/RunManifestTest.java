package org.ntkexplorer.core.experiment.store;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;

/**
 * The seal of a run against spec.json as it is read now. Earlier versions wrote every study's own keys into every
 * spec.json and sealed that text; this version leaves out the keys of other studies, so those, and only those, may
 * differ from the seal.
 */
class RunManifestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of("some-run");

    /** A seal as an earlier version wrote it: the spec's keys, with every study's own keys among them. */
    private static RunManifest sealedEarlier(String json) throws Exception {
        JsonNode spec = JSON.readTree(json);
        return new RunManifest("0".repeat(64), spec, null);
    }

    private static String scaling(String nGrid, String widths) {
        return ExperimentSpec.parse("{\"study\": \"scaling\", \"nGrid\": " + nGrid + "}").toJson()
                .replaceFirst("\\{", "{\"widths\": " + widths + ", \"snapshotEvery\": 4, \"richnessGrid\": [],");
    }

    @Test
    void aSealWithKeysTheStudyDoesNotReadStillSealsItsSpec() throws Exception {
        String earlier = scaling("[100, 200]", "[64, 128]");
        ExperimentSpec now = ExperimentSpec.parse(earlier);
        assertTrue(!now.toMap().containsKey("widths") && !now.toMap().containsKey("snapshotEvery"), now.toJson());
        assertDoesNotThrow(() -> sealedEarlier(earlier).requireSameSpec(now, DIR));
    }

    @Test
    void aKeyTheStudyReadsMustStillBeTheSame() throws Exception {
        ExperimentSpec now = ExperimentSpec.parse(scaling("[100, 400]", "[64]"));
        var e = assertThrows(IllegalStateException.class,
                () -> sealedEarlier(scaling("[100, 200]", "[64]")).requireSameSpec(now, DIR));
        assertTrue(e.getMessage().contains("nGrid was [100,200], now [100,400]"), e.getMessage());
        assertTrue(!e.getMessage().contains("widths"), e.getMessage());
    }

    @Test
    void aStudysOwnKeyIsSealedForThatStudy() throws Exception {
        String sealed = ExperimentSpec.parse("{\"study\": \"width-sweep\", \"widths\": [8, 16]}").toJson();
        ExperimentSpec now = ExperimentSpec.parse("{\"study\": \"width-sweep\", \"widths\": [8, 32]}");
        var e = assertThrows(IllegalStateException.class, () -> sealedEarlier(sealed).requireSameSpec(now, DIR));
        assertEquals("some-run/spec.json was changed after the run started (widths was [8,16], now [8,32]). "
                + "Resuming would mix results of two settings in one fit: put spec.json back, or start the changed "
                + "spec in a new folder", e.getMessage().replace('\\', '/'));
    }

    @Test
    void aSpecOfThisVersionMatchesItsOwnSealByHash() {
        ExperimentSpec s = ExperimentSpec.parse("{\"study\": \"dynamics\", \"snapshotEvery\": 3}");
        assertDoesNotThrow(() -> RunManifest.of(s, null).requireSameSpec(s, DIR));
        assertEquals(RunManifest.sha256(s), RunManifest.of(s, null).specSha256());
        assertTrue(s.toMap().containsKey("snapshotEvery") && !s.toMap().containsKey("widths"), s.toJson());
    }
}
