package org.ntkexplorer.ui.panels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.scene.Node;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.spi.DoubleErrorDataSet;

import org.ntkexplorer.core.experiment.ExperimentEvent;
import org.ntkexplorer.core.experiment.Study;
import org.ntkexplorer.core.experiment.SeedSummary;

/**
 * How the probe kernel moves. In a dynamics study: distance to the initial kernel, velocity, 1 − CKA to the previous
 * snapshot and kernel–target alignment across epochs, one network at a time. In a scaling study, where each
 * network's kernel is taken before and after training: how far it moved, and its alignment before and after,
 * against n.
 */
public final class DriftPanel extends LivePanel {
    private static final String MOVED = "kernel movement S(K₀, K_end)";
    private static final String BEFORE = "alignment before training";
    private static final String AFTER = "alignment after training";

    private final XYChart epochs = Charts.xy("epoch", false, "distance, velocity, alignment", true);
    private final ChartBox epochsBox = new ChartBox(epochs);
    private final DoubleDataSet distance = Charts.styled(new DoubleDataSet("distance to init S(K₀, K_t)"),
            Charts.PALETTE.get(0), false);
    private final DoubleDataSet velocity = Charts.styled(new DoubleDataSet("velocity S(K_t, K_t+Δ)/Δ"),
            Charts.PALETTE.get(1), false);
    private final DoubleDataSet ckaGap = Charts.styled(new DoubleDataSet("1 − CKA to previous"), Charts.PALETTE.get(3),
            false);
    private final DoubleDataSet alignment = Charts.styled(new DoubleDataSet("kernel–target alignment"),
            Charts.PALETTE.get(2), false);
    private final Map<Long, List<ExperimentEvent.KernelSnapshot>> bySeed = new LinkedHashMap<>();
    private final UnitChooser<Long> seed = new UnitChooser<>("seed", s -> "seed " + s, this::showSeed);

    private boolean perSize;
    private final XYChart perN = Charts.xy("training-set size n", true, "movement, alignment", false);
    private final ChartBox perNBox = new ChartBox(perN);
    private final SeedSummary<String> summary = new SeedSummary<>();
    private final Map<String, DoubleErrorDataSet> perNSets = new LinkedHashMap<>();

    public DriftPanel() {
        super("Kernel drift");
        seed.setId("drift-seed");
        Charts.x(perN).setLogarithmBase(2);
        Charts.fitTitle(Charts.y(epochs), "distance, velocity, alignment", "drift, alignment", "value");
        Charts.fitTitle(Charts.y(perN), "movement, alignment", "value");
        addTools(seed);
        int c = 0;
        for (String name : List.of(MOVED, BEFORE, AFTER)) {
            perNSets.put(name, Charts.styled(new DoubleErrorDataSet(name), Charts.PALETTE.get(new int[] {0, 4, 2}[c++]),
                    false));
        }
        clear();
        setStudy(study());
    }

    private boolean perSize() {
        return perSize;
    }

    /**
     * Whether the panel shows each n's kernel before and after training (a study over the n grid) rather than one
     * network's kernel across epochs; the study's view sets it before the study is shown.
     */
    public void showPerSize(boolean on) {
        perSize = on;
    }

    @Override
    public String explanation() {
        if (perSize()) {
            return "For each training-set size n, the network's empirical NTK on the fixed probe set before and after "
                    + "training: the kernel movement S(K₀, K_end) (1 − cosine similarity of the two matrices; 0 means "
                    + "the kernel did not move) and the kernel–target alignment before and after. Means over seeds with "
                    + "± one standard deviation. In the lazy NTK picture the movement is near 0 at every n; look at "
                    + "how far it is from 0 and whether it changes with n.";
        }
        return "Across epochs, on the fixed probe set: the distance of the empirical NTK to its initial value (1 − "
                + "cosine similarity of the matrices), its velocity (distance between consecutive snapshots per "
                + "epoch), 1 − CKA to the previous snapshot, and the kernel–target alignment. In the lazy NTK picture "
                + "the velocity falls to about zero after the first epochs and the distance stays small; look at "
                + "when the velocity settles and what the alignment does meanwhile.";
    }


    @Override
    public void setStudy(Study s) {
        super.setStudy(s);
        setContent(perSize() ? perNBox : epochsBox);
        seed.wanted.set(!perSize());
        updateCaption();
    }

    @Override
    public void accept(List<ExperimentEvent> events) {
        List<Long> seeds = new ArrayList<>();
        boolean sized = false;
        for (ExperimentEvent e : events) {
            if (e instanceof ExperimentEvent.KernelSnapshot s) {
                bySeed.computeIfAbsent(s.seed(), k -> new ArrayList<>()).add(s);
                if (!seeds.contains(s.seed())) {
                    seeds.add(s.seed());
                }
                if (s.epoch() == 0) {
                    summary.add(BEFORE, s.n(), s.targetAlignment());
                } else {
                    summary.add(MOVED, s.n(), s.distanceToInit());
                    summary.add(AFTER, s.n(), s.targetAlignment());
                }
                sized = true;
            }
        }
        seeds.forEach(seed::offer);
        if (sized) {
            drawPerN();
        }
        updateCaption();
    }

    private void showSeed(long s) {
        for (DoubleDataSet ds : List.of(distance, velocity, ckaGap, alignment)) {
            ds.clearData();
        }
        int max = 0;
        for (ExperimentEvent.KernelSnapshot k : bySeed.getOrDefault(s, List.of())) {
            add(distance, k.epoch(), k.distanceToInit());
            add(velocity, k.epoch(), k.velocity());
            add(ckaGap, k.epoch(), 1 - k.ckaToPrevious());
            add(alignment, k.epoch(), k.targetAlignment());
            max = Math.max(max, k.epoch());
        }
        for (DoubleDataSet ds : List.of(distance, velocity, ckaGap, alignment)) {
            Charts.showIfData(Charts.points(epochs), ds);
        }
        Charts.wholeTicks(Charts.x(epochs), max);
        Charts.fitLogYToDecades(epochs, List.of(distance, velocity, ckaGap, alignment));
        epochsBox.refresh();
        updateCaption();
    }

    private void drawPerN() {
        double top = 0;
        for (Map.Entry<String, DoubleErrorDataSet> e : perNSets.entrySet()) {
            List<SeedSummary.Row> rows = summary.rows(e.getKey());
            Charts.setMeans(e.getValue(), rows);
            Charts.showIfData(Charts.points(perN), e.getValue());
            for (SeedSummary.Row r : rows) {
                top = Math.max(top, r.mean() + r.sd());
            }
        }
        // Fixed from 0 to at least 1 (movement and alignment lie in [0, 1] in practice), so the highest series and
        // its markers are never pinned to the top edge and the legend has room above the lines.
        var y = Charts.y(perN);
        y.setAutoRanging(false);
        y.set(0, Math.max(1, top * 1.15));
        perNBox.refresh();
    }

    private static void add(DoubleDataSet ds, double x, double y) {
        if (Double.isFinite(y) && y > 0) {
            ds.add(x, y);
        }
    }

    private void updateCaption() {
        if (perSize()) {
            int seeds = bySeed.size();
            setCaption("Per n" + (seeds > 0 ? String.format(Locale.ROOT, ", mean of %d seed%s", seeds,
                    seeds == 1 ? "" : "s") : "") + ": kernel movement and label alignment.");
        } else {
            Long s = seed.getValue();
            List<ExperimentEvent.KernelSnapshot> k = s == null ? List.of() : bySeed.get(s);
            setCaption(k == null || k.isEmpty() ? "How far and how fast the network's probe kernel moves, epoch by epoch."
                    : String.format(Locale.ROOT, "n = %d, seed %d: how far and fast the kernel moves, %d snapshots.",
                    k.get(0).n(), s, k.size()));
        }
    }

    public XYChart chart() {
        return perSize() ? perN : epochs;
    }

    /** The x-axis's name as drawn now (tests). */
    public String xAxisName() {
        return Charts.x(chart()).getName();
    }

    @Override
    public Node exportNode() {
        return perSize() ? perNBox : epochsBox;
    }

    @Override
    public void clear() {
        bySeed.clear();
        summary.clear();
        seed.reset();
        for (DoubleDataSet ds : List.of(distance, velocity, ckaGap, alignment)) {
            ds.clearData();
            Charts.showIfData(Charts.points(epochs), ds);
        }
        for (DoubleErrorDataSet ds : perNSets.values()) {
            ds.clearData();
            Charts.showIfData(Charts.points(perN), ds);
        }
        epochsBox.refresh();
        perNBox.refresh();
        updateCaption();
    }

    @Override
    public boolean hasData() {
        return !bySeed.isEmpty();
    }

    @Override
    public void exportCsv(Path file) throws IOException {
        if (perSize()) {
            SeriesCsv.write(file, "n", "value", new ArrayList<DataSet>(perNSets.values()));
        } else {
            SeriesCsv.write(file, "epoch", "value", List.of(distance, velocity, ckaGap, alignment));
        }
    }
}
