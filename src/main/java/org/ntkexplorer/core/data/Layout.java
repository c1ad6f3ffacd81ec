package org.ntkexplorer.core.data;

/** How a split presents each input: a flat vector {d} (MLPs, kernels) or an image {C,H,W} (CNNs). */
public enum Layout {
    FLAT,
    IMAGE
}
