package org.ntkexplorer.core.experiment;

/**
 * The five studies: the three claims of the paper, the width picture used in teaching, and the lazy–rich dial
 * (docs/science.md, §The studies).
 */
public enum Study {
    /** Claim 1: test loss against n for the network and kernel regression with its kernels. */
    SCALING("scaling"),
    /** Claim 2: kernel regression with the kernel of a network trained on n0 samples, beside study 1. */
    PRETRAINED("pretrained"),
    /** Claim 3: how the eNTK on a fixed probe set moves during training. */
    DYNAMICS("dynamics"),
    /** The NTK limit: distance to the infinite NTK at init and movement in training, against width. */
    WIDTH_SWEEP("width-sweep"),
    /** When networks escape their kernel: the data-scaling exponent against the output scale α of α·(f − f₀). */
    RICHNESS("richness");

    private final String id;

    Study(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Study fromId(String id) {
        for (Study s : values()) {
            if (s.id.equalsIgnoreCase(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown study '" + id + "' (expected scaling, pretrained, dynamics, width-sweep or richness)");
    }
}
