package org.ntkexplorer.core.experiment.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.ntkexplorer.core.kernel.InfiniteMlpKernel;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.spec.Study;
import org.ntkexplorer.core.experiment.spec.UnitKey;
import org.ntkexplorer.core.experiment.store.RunManifest;
import org.ntkexplorer.core.experiment.store.ShardPlan;

/**
 * The row-block units of a run's infinite-width kernels ({@link RunKernelBlocks}): which exist, which shard computes
 * each, where a block lives in a run folder and what its block.json says ({@link KernelBlockMerger} merges them). A run
 * folder started with {@code --kernel-blocks B} holds {@value #SETTING_FILE} with B; its blocks are under
 * {@code kernel-blocks/n<N>-s<seed>/block-<k>-of-<count>/}.
 */
final class KernelBlockUnits {
    static final String SETTING_FILE = "kernel-blocks.json";
    static final String DIR = "kernel-blocks";
    static final String BLOCK_JSON = "block.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Block {@code block} (from 1) of {@code count} of the infinite-width kernels of one (n, seed). */
    record BlockUnit(int n, long seed, int block, int count) {
        String id() {
            return "n" + n + "-s" + seed + "/block-" + block + "-of-" + count;
        }

        String describe() {
            return block + " of " + count + " (n = " + n + ", seed " + seed + ")";
        }
    }

    /**
     * A finished block as its block.json records it.
     *
     * @param rows train rows [rows[0], rows[1]) and test rows [rows[2], rows[3])
     */
    record Written(BlockUnit unit, int panelRows, int[] rows, String specSha256, double seconds) {
    }

    private KernelBlockUnits() {
    }

    /** Why {@code --kernel-blocks blocks} cannot go with {@code spec}, or null. */
    static String problem(ExperimentSpec spec, int blocks) {
        if (blocks < 1) {
            return "--kernel-blocks must be at least 1 (got " + blocks + ")";
        }
        if (spec.study() != Study.SCALING && spec.study() != Study.PRETRAINED) {
            return "--kernel-blocks splits the infinite-width learners of a scaling or pretrained study; this spec's "
                    + "study is " + spec.study().id();
        }
        if (spec.learners().stream().noneMatch(Learner::needsInfiniteKernel)) {
            return "--kernel-blocks splits the infinite-ntk and nngp learners, and this spec has neither";
        }
        return null;
    }

    static void writeSetting(Path runDir, int blocks) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("blocks", blocks);
        Path tmp = runDir.resolve(SETTING_FILE + ".tmp");
        Files.writeString(tmp, JSON.writeValueAsString(root), StandardCharsets.UTF_8);
        Files.move(tmp, runDir.resolve(SETTING_FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    static int blocksOf(Path runDir) throws IOException {
        Path f = runDir.resolve(SETTING_FILE);
        if (!Files.exists(f)) {
            return 0;
        }
        int b = JSON.readTree(f.toFile()).path("blocks").asInt(0);
        if (b < 1) {
            throw new IOException(f + " does not say how many blocks (\"blocks\": B, B ≥ 1); it was changed by hand");
        }
        return b;
    }

    /** Blocks of the kernel of n training examples: B, or fewer when it has fewer panels. */
    static int count(int n, int blocks) {
        int values = Integer.getInteger(RunKernelBlocks.PANEL_PROPERTY, InfiniteMlpKernel.DEFAULT_PANEL_VALUES);
        int step = InfiniteMlpKernel.panelRows(n, values);
        return Math.max(1, Math.min(blocks, (n + step - 1) / step));
    }

    /** Every block of the spec, unit by unit in run order. */
    static List<BlockUnit> all(ExperimentSpec spec, int blocks) {
        List<BlockUnit> out = new ArrayList<>();
        for (UnitKey u : StudyRun.unitsOf(spec)) {
            int c = count(u.n(), blocks);
            for (int b = 1; b <= c; b++) {
                out.add(new BlockUnit(u.n(), u.seed(), b, c));
            }
        }
        return out;
    }

    /**
     * The blocks a shard computes (all of them without one): dealt out by decreasing size in the snake order of
     * {@link ShardPlan}, so that the largest kernels' blocks spread over the shards.
     */
    static List<BlockUnit> ofShard(ExperimentSpec spec, int blocks, RunManifest.Shard shard) {
        List<BlockUnit> all = all(spec, blocks);
        if (shard == null) {
            return all;
        }
        int[] s = assign(all, shard.count());
        List<BlockUnit> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (s[i] == shard.index()) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    static int[] assign(List<BlockUnit> all, int count) {
        List<Integer> bySize = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            bySize.add(i);
        }
        bySize.sort(Comparator.comparingLong((Integer i) -> -(long) all.get(i).n() * all.get(i).n()
                / all.get(i).count()).thenComparingInt(i -> i));
        int[] shard = new int[all.size()];
        for (int r = 0; r < bySize.size(); r++) {
            int round = r / count;
            int pos = r % count;
            shard[bySize.get(r)] = round % 2 == 0 ? pos : count - 1 - pos;
        }
        return shard;
    }

    /**
     * Train rows [0], [1] and test rows [2], [3] of block {@code block} of {@code count}, whole panels of
     * {@code step} rows: the train panels (a panel from row r0 costs rows·(n − r0), the triangle) cut where their
     * running cost passes each k/count of the total, at least one panel per block; the test panels in equal counts.
     */
    static int[] rows(int n, int nTest, int step, int block, int count) {
        int panels = (n + step - 1) / step;
        double[] cum = new double[panels + 1];
        for (int p = 0; p < panels; p++) {
            int r0 = p * step;
            cum[p + 1] = cum[p] + (double) Math.min(step, n - r0) * (n - r0);
        }
        int[] cut = new int[count + 1];
        for (int b = 1; b < count; b++) {
            int p = cut[b - 1] + 1;
            while (p < panels && cum[p] < cum[panels] * b / count) {
                p++;
            }
            cut[b] = Math.min(p, panels - (count - b));
        }
        cut[count] = panels;
        int testPanels = (nTest + step - 1) / step;
        int t0 = (int) ((long) testPanels * (block - 1) / count);
        int t1 = (int) ((long) testPanels * block / count);
        return new int[] {cut[block - 1] * step, Math.min(n, cut[block] * step), Math.min(nTest, t0 * step),
                Math.min(nTest, t1 * step)};
    }

    static Path dir(Path runDir, BlockUnit b) {
        return runDir.resolve(DIR).resolve(b.id());
    }

    static String trainFile(Learner l) {
        return "train-" + l.id() + ".npy";
    }

    static String testFile(Learner l) {
        return "test-" + l.id() + ".npy";
    }

    static void write(Path dir, Written w) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("n", w.unit().n());
        root.put("seed", w.unit().seed());
        root.put("block", w.unit().block());
        root.put("count", w.unit().count());
        root.put("panelRows", w.panelRows());
        root.putArray("trainRows").add(w.rows()[0]).add(w.rows()[1]);
        root.putArray("testRows").add(w.rows()[2]).add(w.rows()[3]);
        root.put("specSha256", w.specSha256());
        root.put("seconds", w.seconds());
        Path tmp = dir.resolve(BLOCK_JSON + ".tmp");
        Files.writeString(tmp, JSON.writeValueAsString(root), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(BLOCK_JSON), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The block finished in {@code dir}, or null when it has no block.json (not started, or cut off). */
    static Written read(Path dir) throws IOException {
        Path f = dir.resolve(BLOCK_JSON);
        if (!Files.exists(f)) {
            return null;
        }
        JsonNode j;
        try {
            j = JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new IOException(f + " cannot be read (" + e.getMessage() + "); delete its folder " + dir
                    + " and resume the run that computes it", e);
        }
        BlockUnit b = new BlockUnit(j.path("n").asInt(), j.path("seed").asLong(), j.path("block").asInt(),
                j.path("count").asInt());
        int[] rows = {j.path("trainRows").path(0).asInt(), j.path("trainRows").path(1).asInt(),
                j.path("testRows").path(0).asInt(), j.path("testRows").path(1).asInt()};
        return new Written(b, j.path("panelRows").asInt(), rows, j.path("specSha256").asText(),
                j.path("seconds").asDouble());
    }

    /** Every finished block in a run folder, by id. */
    static Map<String, Written> finished(Path runDir) throws IOException {
        Map<String, Written> out = new TreeMap<>();
        Path root = runDir.resolve(DIR);
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (var units = Files.list(root)) {
            for (Path u : units.sorted().toList()) {
                if (!Files.isDirectory(u)) {
                    continue;
                }
                try (var blocks = Files.list(u)) {
                    for (Path b : blocks.sorted().toList()) {
                        Written w = Files.isDirectory(b) ? read(b) : null;
                        if (w != null) {
                            if (!runDir.relativize(b).equals(Path.of(DIR).resolve(w.unit().id()))) {
                                throw new IOException(b + "/" + BLOCK_JSON + " names block " + w.unit().id()
                                        + "; the folder was renamed by hand");
                            }
                            out.put(w.unit().id(), w);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The finished blocks of one unit, refused unless every one of them is there, once, of one count. */
    static List<Written> complete(Path runDir, UnitKey u) throws IOException {
        List<Written> mine = new ArrayList<>();
        for (Written w : finished(runDir).values()) {
            if (w.unit().n() == u.n() && w.unit().seed() == u.seed()) {
                mine.add(w);
            }
        }
        mine.sort(Comparator.comparingInt(w -> w.unit().block()));
        int count = mine.isEmpty() ? 0 : mine.get(0).unit().count();
        boolean whole = count == mine.size();
        for (int i = 0; i < mine.size() && whole; i++) {
            whole = mine.get(i).unit().count() == count && mine.get(i).unit().block() == i + 1;
        }
        if (!whole || count == 0) {
            throw new IllegalStateException("the kernel blocks of " + u.describe() + " in " + runDir.resolve(DIR)
                    + " are incomplete (" + mine.size() + " found" + (count > 0 ? " of " + count : "") + "); merge "
                    + "every shard's blocks, or resume this folder to compute the missing ones");
        }
        return mine;
    }

    /** Refuses blocks whose rows do not tile the kernel as this process's panels would. */
    static void requireCover(List<Written> blocks, UnitKey u, int n, int nTest, int step) {
        int train = 0;
        int test = 0;
        for (Written w : blocks) {
            if (w.panelRows() != step) {
                throw new IllegalStateException("block " + w.unit().describe() + " was computed in panels of "
                        + w.panelRows() + " rows and this process makes panels of " + step + ", so its kernel would "
                        + "not be the kernel of one pass; solve with the -D" + RunKernelBlocks.PANEL_PROPERTY
                        + " the blocks were computed with");
            }
            if (w.rows()[0] != train || w.rows()[2] != test) {
                throw new IllegalStateException("block " + w.unit().describe() + " starts at train row " + w.rows()[0]
                        + " and test row " + w.rows()[2] + ", where " + train + " and " + test + " were expected");
            }
            train = w.rows()[1];
            test = w.rows()[3];
        }
        if (train != n || test != nTest) {
            throw new IllegalStateException("the blocks of " + u.describe() + " cover " + train + " of " + n
                    + " train rows and " + test + " of " + nTest + " test rows");
        }
    }
}
