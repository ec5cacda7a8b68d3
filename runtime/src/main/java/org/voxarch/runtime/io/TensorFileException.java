package org.voxarch.runtime.io;

import java.nio.file.Path;

/** A tensor file (safetensors or checkpoint) could not be read or written; the message names the file. */
public final class TensorFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The file concerned, as a string so the exception stays serialisable; may be null. */
    private final String file;

    /**
     * @param file the file concerned
     * @param problem what is wrong, e.g. {@code "header length 4096 exceeds the file's 100 bytes"}
     */
    public TensorFileException(Path file, String problem) {
        this(file, problem, null);
    }

    /**
     * @param file the file concerned
     * @param problem what is wrong
     * @param cause the underlying failure
     */
    public TensorFileException(Path file, String problem, Throwable cause) {
        super((file == null ? "tensor file" : file.toString()) + ": " + problem, cause);
        this.file = file == null ? null : file.toString();
    }

    /** @return the file concerned, or null if unknown */
    public Path file() {
        return file == null ? null : Path.of(file);
    }
}
