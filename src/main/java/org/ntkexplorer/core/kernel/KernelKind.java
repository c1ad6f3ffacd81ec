package org.ntkexplorer.core.kernel;

/** Which kernel a computation produces; {@link #id()} is the name in model.json. */
public enum KernelKind {
    EMPIRICAL_NTK("empirical-ntk", "empirical"),
    INFINITE_NTK("infinite-ntk", "infinite-ntk"),
    NNGP("nngp", "nngp");

    private final String id;
    private final String cliName;

    KernelKind(String id, String cliName) {
        this.id = id;
        this.cliName = cliName;
    }

    public String id() {
        return id;
    }

    public String cliName() {
        return cliName;
    }

    public static KernelKind fromName(String name) {
        for (KernelKind k : values()) {
            if (k.cliName.equalsIgnoreCase(name.trim()) || k.id.equalsIgnoreCase(name.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("Unknown kernel kind '" + name + "'; expected empirical, infinite-ntk or nngp");
    }
}
