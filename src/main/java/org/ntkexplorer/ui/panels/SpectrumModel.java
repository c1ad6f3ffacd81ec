package org.ntkexplorer.ui.panels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;


/**
 * What the eigenspectrum panel shows, without JavaFX: per network (seed, n) the spectrum of its probe kernel at
 * initialisation and at its latest snapshot, the infinite NTK's reference spectrum, and the words for them.
 * {@link SpectrumPanel} renders it.
 */
final class SpectrumModel {
    /** One network's probe kernel: by seed and training-set size. */
    record Net(long seed, int n) {
    }

    /** One drawable spectrum: its legend name and eigenvalues λ_1 ≥ λ_2 ≥ … (the positive head only). */
    record Spectrum(String name, double[] eigenvalues) {
    }

    /** What is on screen for one network. */
    record Shown(Spectrum initial, Spectrum current, String caption) {
    }

    static final String EMPTY_CAPTION = "Eigenvalues of a network's probe kernel, largest first, at initialisation "
            + "and later.";

    private final Map<Net, ExperimentEvent.KernelSnapshot> first = new LinkedHashMap<>();
    private final Map<Net, ExperimentEvent.KernelSnapshot> latest = new LinkedHashMap<>();
    private Spectrum reference;

    /** Takes the snapshots with a spectrum and the reference spectrum; returns the networks touched, in order. */
    List<Net> accept(List<ExperimentEvent> events) {
        List<Net> touched = new ArrayList<>();
        for (ExperimentEvent e : events) {
            if (e instanceof ExperimentEvent.KernelSnapshot s && s.eigenvalues().length > 0) {
                Net k = new Net(s.seed(), s.n());
                if (s.epoch() == 0) {
                    first.put(k, s);
                }
                latest.put(k, s);
                if (!touched.contains(k)) {
                    touched.add(k);
                }
            } else if (e instanceof ExperimentEvent.ReferenceSpectrum r) {
                reference = new Spectrum(r.name(), positiveHead(r.eigenvalues()));
            }
        }
        return touched;
    }

    /** The infinite NTK's spectrum, null until the run sends it. */
    Spectrum reference() {
        return reference;
    }

    Shown show(Net k) {
        ExperimentEvent.KernelSnapshot a = first.get(k);
        ExperimentEvent.KernelSnapshot b = latest.get(k);
        boolean moved = b != null && (a == null || b.epoch() > 0);
        return new Shown(new Spectrum("eNTK at init", a == null ? new double[0] : positiveHead(a.eigenvalues())),
                new Spectrum(moved ? "eNTK at epoch " + b.epoch() : "eNTK now",
                        moved ? positiveHead(b.eigenvalues()) : new double[0]),
                String.format(Locale.ROOT, "n = %d, seed %d: kernel eigenvalues at init%s.", k.n(), k.seed(),
                        moved ? " and epoch " + b.epoch() : ""));
    }

    void clear() {
        first.clear();
        latest.clear();
        reference = null;
    }

    boolean isEmpty() {
        return latest.isEmpty();
    }

    /** The eigenvalues up to the first that is not positive: a log axis cannot show the rest. */
    static double[] positiveHead(double[] eig) {
        int m = 0;
        while (m < eig.length && eig[m] > 0) {
            m++;
        }
        return java.util.Arrays.copyOf(eig, m);
    }
}
