package org.voxarch.runtime.io.torch;

/** A pickle could not be read: malformed, truncated, or naming a global outside the allow-list. */
public final class PickleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PickleException(String message) {
        super(message);
    }
}
