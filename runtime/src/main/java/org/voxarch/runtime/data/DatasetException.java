package org.voxarch.runtime.data;

import java.nio.file.Path;

/**
 * A dataset cannot be used as described: malformed or incomplete {@code dataset.json}, a file it names is missing,
 * an image and its label disagree, or the channels do not suit the network. The message names the file (and the
 * entry) concerned and gives the numbers that disagree.
 */
public final class DatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The file concerned, kept as a string so the exception stays serialisable. */
    private final String file;

    /**
     * @param file    the file concerned (dataset.json, an image, a label)
     * @param problem what is wrong
     */
    public DatasetException(Path file, String problem) {
        this(file, problem, null);
    }

    /**
     * @param file    the file concerned
     * @param problem what is wrong
     * @param cause   the underlying failure, or null
     */
    public DatasetException(Path file, String problem, Throwable cause) {
        super((file == null ? "dataset" : file.toString()) + ": " + problem, cause);
        this.file = file == null ? null : file.toString();
    }

    /** @return the file concerned, or null */
    public Path file() {
        return file == null ? null : Path.of(file);
    }
}
