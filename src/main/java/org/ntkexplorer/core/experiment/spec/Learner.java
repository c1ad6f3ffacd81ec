package org.ntkexplorer.core.experiment.spec;

/** What makes predictions in a scaling study; {@link #id()} is the name in results.csv and fits.json. */
public enum Learner {
    NETWORK("network"),
    ENTK_INIT("entk-init"),
    ENTK_PRETRAINED("entk-pretrained"),
    INFINITE_NTK("infinite-ntk"),
    NNGP("nngp");

    private final String id;

    Learner(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public boolean needsInfiniteKernel() {
        return this == INFINITE_NTK || this == NNGP;
    }

    public static Learner fromId(String id) {
        for (Learner l : values()) {
            if (l.id.equalsIgnoreCase(id)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown learner '" + id
                + "' (expected network, entk-init, entk-pretrained, infinite-ntk or nngp)");
    }
}
