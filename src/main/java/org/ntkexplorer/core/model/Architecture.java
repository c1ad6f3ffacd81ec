package org.ntkexplorer.core.model;

/**
 * Network families. The Myrtle CNNs (Shankar et al. 2020) stack 3×3 same-padded convolutions of
 * {@code width} channels in three stages, with 2×2 average pooling between stages, global average pooling
 * after the last stage and a dense readout. The stage repeat counts give depth 5, 7 or 10 (convolutions +
 * readout).
 */
public enum Architecture {
    MLP("mlp", null),
    MYRTLE5("myrtle5", new int[] {2, 1, 1}),
    MYRTLE7("myrtle7", new int[] {2, 2, 2}),
    MYRTLE10("myrtle10", new int[] {3, 3, 3});

    private final String id;
    private final int[] convsPerStage;

    Architecture(String id, int[] convsPerStage) {
        this.id = id;
        this.convsPerStage = convsPerStage;
    }

    public String id() {
        return id;
    }

    public boolean isConvolutional() {
        return convsPerStage != null;
    }

    /** Number of 3×3 convolutions in each of the three stages; only for convolutional families. */
    public int[] convsPerStage() {
        if (convsPerStage == null) {
            throw new IllegalStateException(id + " has no convolutional stages");
        }
        return convsPerStage.clone();
    }

    public static Architecture fromId(String id) {
        for (Architecture a : values()) {
            if (a.id.equalsIgnoreCase(id.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown architecture '" + id + "'; expected mlp, myrtle5, myrtle7 or myrtle10");
    }
}
