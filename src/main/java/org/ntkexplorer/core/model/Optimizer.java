package org.ntkexplorer.core.model;

/** Optimisers offered for training; MOMENTUM is SGD with Nesterov momentum. */
public enum Optimizer {
    SGD("sgd"),
    MOMENTUM("momentum"),
    ADAM("adam");

    private final String id;

    Optimizer(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optimizer fromId(String id) {
        for (Optimizer o : values()) {
            if (o.id.equalsIgnoreCase(id.trim())) {
                return o;
            }
        }
        throw new IllegalArgumentException("Unknown optimizer '" + id + "'; expected sgd, momentum or adam");
    }
}
