package org.voxarch.runtime.distributed;

/** A rendezvous or collective operation failed: usually another worker stopped, or cannot be reached in time. */
public final class CollectiveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CollectiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
