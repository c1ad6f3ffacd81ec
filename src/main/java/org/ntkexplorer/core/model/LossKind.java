package org.ntkexplorer.core.model;

/** Training losses. MSE regresses the split's targets (centred one-hot for classes); CROSS_ENTROPY uses softmax. */
public enum LossKind {
    MSE("mse"),
    CROSS_ENTROPY("xent");

    private final String id;

    LossKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static LossKind fromId(String id) {
        for (LossKind k : values()) {
            if (k.id.equalsIgnoreCase(id.trim()) || k.name().equalsIgnoreCase(id.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("Unknown loss '" + id + "'; expected mse or xent");
    }
}
