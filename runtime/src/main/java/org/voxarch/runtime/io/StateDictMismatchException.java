package org.voxarch.runtime.io;

/**
 * A state dict did not fit a module: keys missing, unexpected, or of the wrong shape. The message lists every
 * problem, grouped, so one run shows all that needs fixing.
 */
public final class StateDictMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message the full, grouped description */
    public StateDictMismatchException(String message) {
        super(message);
    }
}
