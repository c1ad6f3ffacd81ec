package org.ntkexplorer.cli;

/**
 * The value of {@code kernel --block K/N}: row-block K of N of the kernel, counted from 1 (a Slurm array of N tasks
 * numbered 0..N-1 passes {@code $((SLURM_ARRAY_TASK_ID + 1))/N}). Whether N blocks fit the kernel's tile rows
 * depends on n, so core checks the range (KernelBlockJob.blockProblem); this only reads the syntax.
 */
record BlockOption(int index, int count) {

    static BlockOption parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        Integer k = slash < 0 ? null : number(t.substring(0, slash));
        Integer n = slash < 0 ? null : number(t.substring(slash + 1));
        if (k == null || n == null) {
            throw new IllegalArgumentException("--block " + text + ": expected K/N, block K of N counted from 1 "
                    + "(for example --block 2/8)");
        }
        return new BlockOption(k, n);
    }

    private static Integer number(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
