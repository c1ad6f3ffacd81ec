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
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.spec.Study;


/**
 * How the probe kernel moves. In a dynamics study: distance to the initial kernel, velocity, 1 − CKA to the previous
 * snapshot and kernel–target alignment across epochs, one network at a time. In a scaling study, where each
 * network's kernel is taken before and after training: how far it moved, and its alignment before and after,
 * against n.
 */
public final class DriftPanel extends LivePanel {
    private final XYChart epochs = Charts.xy("epoch", false, "distance, velocity, alignment", true);
    private final ChartBox epochsBox = new ChartBox(epochs);
    private final DriftModel model = new DriftModel();
    /** One data set per curve across epochs, in the palette's order for them. */
    private final Map<DriftModel.Curve, DoubleDataSet> curves = new java.util.EnumMap<>(DriftModel.Curve.class);
    private final UnitChooser<Long> seed = new UnitChooser<>("seed", s -> "seed " + s, this::showSeed);

    private boolean perSize;
    private final XYChart perN = Charts.xy("training-set size n", true, "movement, alignment", false);
    private final ChartBox perNBox = new ChartBox(perN);
    private final Map<String, DoubleErrorDataSet> perNSets = new LinkedHashMap<>();

    public DriftPanel() {
        super("Kernel drift");
        seed.setId("drift-seed");
        Charts.x(perN).setLogarithmBase(2);
        Charts.fitTitle(Charts.y(epochs), "distance, velocity, alignment", "drift, alignment", "value");
        Charts.fitTitle(Charts.y(perN), "movement, alignment", "value");
        addTools(seed);
        int[] colours = {0, 1, 3, 2};
        for (DriftModel.Curve k : DriftModel.Curve.values()) {
            curves.put(k, Charts.styled(new DoubleDataSet(k.label), Charts.PALETTE.get(colours[k.ordinal()]), false));
        }
        int c = 0;
        for (String name : DriftModel.PER_N) {
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
        List<Long> seeds = model.accept(events);
        seeds.forEach(seed::offer);
        if (!seeds.isEmpty()) {
            drawPerN();
        }
        updateCaption();
    }

    private void showSeed(long s) {
        for (Map.Entry<DriftModel.Curve, DoubleDataSet> e : curves.entrySet()) {
            DoubleDataSet ds = e.getValue();
            ds.clearData();
            for (double[] p : model.curve(s, e.getKey())) {
                ds.add(p[0], p[1]);
            }
            Charts.showIfData(Charts.points(epochs), ds);
        }
        Charts.wholeTicks(Charts.x(epochs), model.lastEpoch(s));
        Charts.fitLogYToDecades(epochs, curves.values());
        epochsBox.refresh();
        updateCaption();
    }

    private void drawPerN() {
        for (Map.Entry<String, DoubleErrorDataSet> e : perNSets.entrySet()) {
            Charts.setMeans(e.getValue(), model.perN(e.getKey()));
            Charts.showIfData(Charts.points(perN), e.getValue());
        }
        // Fixed from 0 to at least 1 (movement and alignment lie in [0, 1] in practice), so the highest series and
        // its markers are never pinned to the top edge and the legend has room above the lines.
        var y = Charts.y(perN);
        y.setAutoRanging(false);
        y.set(0, Math.max(1, model.perNTop() * 1.15));
        perNBox.refresh();
    }

    private void updateCaption() {
        setCaption(model.caption(perSize(), seed.getValue()));
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
        model.clear();
        seed.reset();
        for (DoubleDataSet ds : curves.values()) {
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
        return !model.isEmpty();
    }

    @Override
    public void exportCsv(Path file) throws IOException {
        if (perSize()) {
            SeriesCsv.write(file, "n", "value", new ArrayList<DataSet>(perNSets.values()));
        } else {
            SeriesCsv.write(file, "epoch", "value", new ArrayList<DataSet>(curves.values()));
        }
    }
}
