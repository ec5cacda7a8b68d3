package org.voxarch.runtime.data;

import java.nio.file.Path;

/**
 * A NIfTI file could not be read or written, or holds values the caller refused; the message names the file and
 * says what is wrong, e.g. {@code "scan.nii.gz: datatype 128 (RGB24) is not supported; supported: uint8, ..."}.
 */
public final class NiftiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The file concerned, kept as a string so the exception stays serialisable. */
    private final String file;

    /**
     * @param file    the file concerned
     * @param problem what is wrong with it
     */
    public NiftiException(Path file, String problem) {
        this(file, problem, null);
    }

    /**
     * @param file    the file concerned
     * @param problem what is wrong with it
     * @param cause   the underlying failure, or null
     */
    public NiftiException(Path file, String problem, Throwable cause) {
        super((file == null ? "NIfTI file" : file.toString()) + ": " + problem, cause);
        this.file = file == null ? null : file.toString();
    }

    /** @return the file concerned, or null if unknown */
    public Path file() {
        return file == null ? null : Path.of(file);
    }
}
