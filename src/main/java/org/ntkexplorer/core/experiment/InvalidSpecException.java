package org.ntkexplorer.core.experiment;

import java.util.List;

/** An experiment spec that cannot run; the message lists every problem found, one per line. */
public class InvalidSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public InvalidSpecException(String source, List<String> problems) {
        super(source + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
