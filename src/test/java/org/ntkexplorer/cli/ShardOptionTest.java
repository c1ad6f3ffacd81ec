package org.ntkexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ShardOptionTest {

    private static ShardOption parse(String text, String... env) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < env.length; i += 2) {
            m.put(env[i], env[i + 1]);
        }
        return ShardOption.parse(text, m);
    }

    private static String refusal(String text, String... env) {
        return assertThrows(ShardOption.Invalid.class, () -> parse(text, env)).getMessage();
    }

    @Test
    void explicitShard() {
        assertEquals(new ShardOption(1, 3), parse("1/3"));
        assertTrue(refusal("3/3").contains("0 ≤ K < N"));
        assertTrue(refusal("a/3").contains("'a' is not a whole number"));
        assertTrue(refusal("2").contains("expected K/N"));
    }

    @Test
    void slurmArrayGivesIndexAndCount() {
        assertEquals(new ShardOption(2, 3), parse("auto", "SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_MIN", "0",
                "SLURM_ARRAY_TASK_MAX", "2", "SLURM_ARRAY_TASK_COUNT", "3"));
        // Arrays need not start at 0, and older Slurm sets no COUNT.
        assertEquals(new ShardOption(0, 4), parse("auto", "SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_MIN", "1",
                "SLURM_ARRAY_TASK_MAX", "4"));
        assertEquals(new ShardOption(2, 3), parse("auto", "SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_MIN", "0",
                "SLURM_ARRAY_TASK_MAX", "4", "SLURM_ARRAY_TASK_STEP", "2", "SLURM_ARRAY_TASK_COUNT", "3"));
        assertEquals(new ShardOption(1, 2), parse("auto/2", "SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_MIN", "0",
                "SLURM_ARRAY_TASK_COUNT", "2"));
    }

    @Test
    void slurmArraysThatAreNotRangesOrDisagreeAreRefused() {
        assertTrue(refusal("auto", "SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_MAX",
                "5", "SLURM_ARRAY_TASK_COUNT", "3").contains("not a range"));
        assertTrue(refusal("auto/4", "SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_MIN", "0",
                "SLURM_ARRAY_TASK_COUNT", "3").contains("has 3 tasks"));
        assertTrue(refusal("auto", "SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_MIN", "0")
                .contains("number of shards is unknown"));
    }

    @Test
    void kubernetesIndexedJobNeedsTheCount() {
        assertEquals(new ShardOption(4, 5), parse("auto/5", "JOB_COMPLETION_INDEX", "4"));
        assertTrue(refusal("auto", "JOB_COMPLETION_INDEX", "4").contains("write --shard auto/N"));
        assertTrue(refusal("auto/4", "JOB_COMPLETION_INDEX", "4").contains("0 ≤ K < N"));
    }

    @Test
    void autoOutsideASchedulerSaysWhatItLookedFor() {
        String m = refusal("auto");
        assertTrue(m.contains("SLURM_ARRAY_TASK_ID") && m.contains("JOB_COMPLETION_INDEX") && m.contains("K/N"), m);
    }
}
