package org.ntkexplorer.cli;

import java.util.Map;

/**
 * The value of {@code run --shard}: {@code K/N} (shard K of N, from 0), or {@code auto} / {@code auto/N}, which
 * take K (and N) from the scheduler that started the process. Slurm's array jobs give both: K from
 * SLURM_ARRAY_TASK_ID less SLURM_ARRAY_TASK_MIN (over SLURM_ARRAY_TASK_STEP), N from SLURM_ARRAY_TASK_COUNT or the
 * array's MIN and MAX. A Kubernetes Indexed Job gives only K, as JOB_COMPLETION_INDEX, so there N must be written:
 * {@code auto/N}, with N the Job's completions. Given under Slurm, {@code auto/N} must agree with the array.
 */
record ShardOption(int index, int count) {

    /** Refused values, with what to write instead; a usage error. */
    static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    static ShardOption parse(String text, Map<String, String> env) {
        String t = text.trim();
        if (t.equals("auto")) {
            return auto(null, env);
        }
        if (t.startsWith("auto/")) {
            return auto(number(t.substring(5), "--shard " + text), env);
        }
        int slash = t.indexOf('/');
        if (slash < 0) {
            throw new Invalid("--shard " + text + ": expected K/N (shard K of N, counted from 0), auto or auto/N");
        }
        String context = "--shard " + text;
        return of(number(t.substring(0, slash), context), number(t.substring(slash + 1), context), context);
    }

    private static ShardOption auto(Integer givenCount, Map<String, String> env) {
        if (env.get("SLURM_ARRAY_TASK_ID") != null) {
            ShardOption s = slurm(env);
            if (givenCount != null && givenCount != s.count) {
                throw new Invalid("--shard auto/" + givenCount + " does not match the Slurm array, which has "
                        + s.count + " tasks; submit it with --array=0-" + (givenCount - 1) + " or write --shard auto");
            }
            return s;
        }
        String k8s = env.get("JOB_COMPLETION_INDEX");
        if (k8s != null) {
            if (givenCount == null) {
                throw new Invalid("--shard auto found Kubernetes' JOB_COMPLETION_INDEX, which does not say how many "
                        + "shards there are: write --shard auto/N with N the Job's completions");
            }
            return of(number(k8s, "JOB_COMPLETION_INDEX=" + k8s), givenCount, "JOB_COMPLETION_INDEX=" + k8s
                    + " with --shard auto/" + givenCount);
        }
        throw new Invalid("--shard auto found neither SLURM_ARRAY_TASK_ID (a Slurm array job) nor "
                + "JOB_COMPLETION_INDEX (a Kubernetes Indexed Job); elsewhere write --shard K/N");
    }

    private static ShardOption slurm(Map<String, String> env) {
        int id = slurmNumber(env, "SLURM_ARRAY_TASK_ID");
        int min = slurmNumber(env, "SLURM_ARRAY_TASK_MIN");
        int step = env.get("SLURM_ARRAY_TASK_STEP") == null ? 1 : slurmNumber(env, "SLURM_ARRAY_TASK_STEP");
        Integer count = env.get("SLURM_ARRAY_TASK_COUNT") == null ? null : slurmNumber(env, "SLURM_ARRAY_TASK_COUNT");
        Integer max = env.get("SLURM_ARRAY_TASK_MAX") == null ? null : slurmNumber(env, "SLURM_ARRAY_TASK_MAX");
        if (count == null && max == null) {
            throw new Invalid("--shard auto: Slurm set SLURM_ARRAY_TASK_ID but neither SLURM_ARRAY_TASK_COUNT nor "
                    + "SLURM_ARRAY_TASK_MAX, so the number of shards is unknown; write --shard auto/N");
        }
        int span = max == null ? -1 : (max - min) / Math.max(1, step) + 1;
        int n = count != null ? count : span;
        // An index list such as --array=0,2,5 has gaps: its task ids cannot be numbered 0..N-1 from the ids alone.
        if (step < 1 || (id - min) % step != 0 || (max != null && span != n)) {
            throw new Invalid("--shard auto: the Slurm array is not a range (task " + id + ", min " + min + ", max "
                    + max + ", count " + count + "); submit it as --array=0-" + (n - 1));
        }
        return of((id - min) / step, n, "Slurm array task " + id);
    }

    private static int slurmNumber(Map<String, String> env, String name) {
        return number(env.get(name), name + "=" + env.get(name));
    }

    private static ShardOption of(int index, int count, String source) {
        if (count < 1 || index < 0 || index >= count) {
            throw new Invalid(source + " gives shard " + index + "/" + count + ", which does not exist: K/N needs "
                    + "0 ≤ K < N");
        }
        return new ShardOption(index, count);
    }

    private static int number(String s, String context) {
        try {
            return Integer.parseInt(s.trim());
        } catch (RuntimeException e) {
            throw new Invalid(context + ": '" + s + "' is not a whole number");
        }
    }

    String describe() {
        return index + "/" + count;
    }
}
