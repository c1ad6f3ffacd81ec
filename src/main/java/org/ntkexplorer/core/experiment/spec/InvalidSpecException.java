package org.ntkexplorer.core.experiment.spec;

import java.util.List;

/**
 * An experiment spec that cannot run; the message lists every problem found, one per line. Each problem names the
 * spec key to change, so a form can mark the field.
 */
public class InvalidSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    /** One problem: the spec key it is about ("" when none fits) and what is wrong, in the spec's words. */
    public record Problem(String key, String message) {
    }

    public InvalidSpecException(String source, List<Problem> problems) {
        super(source + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n  - "
                + String.join("\n  - ", problems.stream().map(Problem::message).toList()));
        this.problems = List.copyOf(problems);
    }

    /** A problem with no particular key. */
    public static InvalidSpecException of(String source, String message) {
        return new InvalidSpecException(source, List.of(new Problem("", message)));
    }

    /** Problems with no particular key, in order. */
    public static InvalidSpecException ofMessages(String source, List<String> messages) {
        return new InvalidSpecException(source, messages.stream().map(m -> new Problem("", m)).toList());
    }

    /** The problems' messages, in order. */
    public List<String> problems() {
        return problems.stream().map(Problem::message).toList();
    }

    public List<Problem> keyedProblems() {
        return problems;
    }
}
