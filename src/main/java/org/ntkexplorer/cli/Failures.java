package org.ntkexplorer.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.ExecutionException;

/**
 * The reason of a failure in the product's words. Java's file exceptions carry only the path as their message
 * ("error: runs/x" said nothing), and work done on the compute thread arrives wrapped.
 */
final class Failures {
    private Failures() {
    }

    static String describe(Throwable ex) {
        Throwable t = ex;
        while ((t instanceof ExecutionException || t instanceof java.util.concurrent.CompletionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof FileAlreadyExistsException f) {
            return f.getFile() + " already exists and is not a folder; name a folder to create";
        }
        if (t instanceof NoSuchFileException f) {
            return "no such file or folder: " + f.getFile();
        }
        if (t instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (t instanceof NotDirectoryException f) {
            return f.getFile() + " is a file, not a folder";
        }
        if (t instanceof DirectoryNotEmptyException f) {
            return f.getFile() + " is a folder that is not empty";
        }
        if (t instanceof FileSystemException f) {
            return "cannot use " + f.getFile() + (f.getReason() == null ? "" : ": " + f.getReason());
        }
        String msg = t.getMessage();
        if (t instanceof OutOfMemoryError || msg != null && msg.contains("bad_alloc")) {
            return "ran out of memory (" + (msg == null ? t.getClass().getSimpleName() : msg) + "); use fewer "
                    + "examples, a smaller width, or float32";
        }
        return msg == null || msg.isBlank() ? "unexpected " + t.getClass().getSimpleName()
                + " (run with -Dntk.log.level=DEBUG for the details)" : msg;
    }
}
