package org.ntkexplorer.core.experiment.spec;

import java.util.Objects;

/**
 * Which study a spec runs: a name only. Everything a study does (its units, checks, footprint, claim, tables) is in
 * its {@link StudyRules}, held by {@link Studies}; the window's side of it is a StudyView in the ui. The five
 * built-in studies are the three claims of the paper, the width picture used in teaching, and the lazy–rich dial
 * (docs/science.md, §The studies). A class rather than an enum so that a new study can be added without editing
 * this file.
 */
public final class Study {
    /** Claim 1: test loss against n for the network and kernel regression with its kernels. */
    public static final Study SCALING = new Study("scaling");
    /** Claim 2: kernel regression with the kernel of a network trained on n0 samples, beside study 1. */
    public static final Study PRETRAINED = new Study("pretrained");
    /** Claim 3: how the eNTK on a fixed probe set moves during training. */
    public static final Study DYNAMICS = new Study("dynamics");
    /** The NTK limit: distance to the infinite NTK at init and movement in training, against width. */
    public static final Study WIDTH_SWEEP = new Study("width-sweep");
    /** When networks escape their kernel: the data-scaling exponent against the output scale α of α·(f − f₀). */
    public static final Study RICHNESS = new Study("richness");

    private final String id;

    private Study(String id) {
        this.id = Objects.requireNonNull(id);
    }

    /** A new study's name; register its definition with {@link Studies#register}. */
    public static Study named(String id) {
        if (id == null || !id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a study's id is lower-case letters, digits and '-' (got '" + id + "')");
        }
        return new Study(id);
    }

    public String id() {
        return id;
    }

    /** Every registered study, built-in ones first, in the order they were registered. */
    public static Study[] values() {
        return Studies.all().stream().map(StudyRules::study).toArray(Study[]::new);
    }

    public static Study fromId(String id) {
        return Studies.byId(id).map(StudyRules::study).orElseThrow(() -> new IllegalArgumentException(
                "unknown study '" + id + "' (expected " + Studies.idList() + ")"));
    }

    @Override
    public String toString() {
        return id;
    }
}
