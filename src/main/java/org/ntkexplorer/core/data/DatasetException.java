package org.ntkexplorer.core.data;

import java.nio.file.Path;

/** A dataset that cannot be opened or a subset that cannot be drawn; the message names the file and the fix. */
public class DatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Problem {
        UNREADABLE,
        WRONG_MAGIC,
        TRUNCATED,
        COUNT_MISMATCH,
        LABEL_OUT_OF_RANGE,
        TOO_MANY_REQUESTED,
        UNKNOWN_CLASS,
        UNKNOWN_DATASET,
        NOT_INSTALLED,
        BAD_SPEC,
        UNSUPPORTED_FORMAT,
        NON_FINITE
    }

    private final Problem problem;
    private final transient Path path;

    public DatasetException(Problem problem, Path path, String message) {
        this(problem, path, message, null);
    }

    public DatasetException(Problem problem, Path path, String message, Throwable cause) {
        super(path == null ? message : path + ": " + message, cause);
        this.problem = problem;
        this.path = path;
    }

    public Problem problem() {
        return problem;
    }

    /** The file or directory concerned; null when the problem is not about a file (e.g. a bad spec). */
    public Path path() {
        return path;
    }
}
