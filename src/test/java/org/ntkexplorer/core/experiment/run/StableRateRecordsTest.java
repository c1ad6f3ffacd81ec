package org.ntkexplorer.core.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.experiment.analysis.LossSpikes;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.store.ResultRow;
import org.ntkexplorer.core.experiment.store.RowSchema;

/** results.csv's stable_lr column, old files without it, and how loss spikes are named in run.log. */
class StableRateRecordsTest {

    @Test
    void stableRateSitsBeforeSecondsAndRoundTrips() {
        List<String> columns = ResultRow.SCHEMA.columns();
        assertEquals(columns.indexOf("seconds") - 1, columns.indexOf("stable_lr"));
        ResultRow row = new ResultRow(Learner.NETWORK, 64, 1, Double.NaN, 0.1, 0.2, 0.01, 0, 100, 5, true, 0.1, 0.5,
                0.00237, 3);
        String[] cells = ResultRow.SCHEMA.cells(row);
        Map<String, String> byName = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            byName.put(columns.get(i), cells[i]);
        }
        assertEquals(0.00237, ResultRow.SCHEMA.parse(new RowSchema.Cells(byName)).stableRate(), 1e-12);
    }

    @Test
    void aFileWrittenBeforeTheColumnReadsWithoutAnEstimate() {
        // The header of sample-data/runs/scaling-mlp-quick/results.csv, written before stable_lr existed.
        String[] header = "learner,n,seed,richness,test_error,test_mse,train_loss,train_error,steps,epochs,converged,kernel_movement,kernel_target_alignment,seconds".split(",");
        String[] cells = "network,128,0,,0.1,0.2,0.01,0,100,5,true,0.1,0.5,3.5".split(",", -1);
        Map<String, String> byName = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            byName.put(header[i], cells[i]);
        }
        ResultRow r = ResultRow.SCHEMA.parse(new RowSchema.Cells(byName));
        assertTrue(Double.isNaN(r.stableRate()));
        assertEquals(3.5, r.seconds(), 1e-12);
    }

    @Test
    void aSpikeThatFallsBackIsACatapult() {
        LossSpikes s = new LossSpikes(1.0, true);
        assertNull(s.observe(0, 1.0));
        assertNull(s.observe(1, 0.9));
        assertNull(s.observe(2, 5.0));
        assertNull(s.observe(3, 37.0));
        assertNull(s.observe(4, 2.0));
        LossSpikes.Spike spike = s.observe(5, 0.5);
        assertEquals("catapult: loss rose to 37.0× its start at step 3 and fell back below it by step 5",
                spike.describe());
        assertNull(s.unfinished());
    }

    @Test
    void minibatchNoiseIsNoSpikeAndAnOpenSpikeIsReportedAtTheEnd() {
        LossSpikes s = new LossSpikes(1.0, false);
        assertNull(s.observe(0, 1.4));
        assertNull(s.observe(1, 0.8));
        assertNull(s.observe(2, 3.0));
        LossSpikes.Spike open = s.unfinished();
        assertEquals(3.0, open.ratio(), 1e-12);
        assertTrue(open.describe().startsWith("loss spike: loss rose to 3.00× its start at step 2 and had not"),
                open.describe());
    }
}
