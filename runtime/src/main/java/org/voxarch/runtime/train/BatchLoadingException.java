package org.voxarch.runtime.train;

/** A batch could not be produced; names the case, epoch and iteration, with the original failure as the cause. */
public final class BatchLoadingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String caseId;

    /**
     * @param caseId    the case being sampled, or null if the failure was not tied to one
     * @param epoch     the batch's epoch
     * @param iteration the batch's iteration
     * @param cause     what went wrong
     */
    public BatchLoadingException(String caseId, int epoch, int iteration, Throwable cause) {
        super((caseId == null ? "batch" : "case " + caseId) + " (epoch " + epoch + ", iteration " + iteration
                + ") could not be loaded: " + cause, cause);
        this.caseId = caseId;
    }

    private BatchLoadingException(BatchLoadingException original) {
        super(original.getMessage(), original);
        this.caseId = original.caseId;
    }

    /** The same failure again, thrown on the consuming thread (so both threads' stacks are in the trace). */
    static BatchLoadingException rethrown(BatchLoadingException original) {
        return new BatchLoadingException(original);
    }

    /** @return the case that failed, or null */
    public String caseId() {
        return caseId;
    }
}
