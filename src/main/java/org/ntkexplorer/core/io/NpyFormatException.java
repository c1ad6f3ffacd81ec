package org.ntkexplorer.core.io;

import java.io.IOException;

/** A file that is not a well-formed .npy/.npz; the message always names the file. */
public class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public NpyFormatException(String source, String problem) {
        super(source + ": " + problem);
    }

    public NpyFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
