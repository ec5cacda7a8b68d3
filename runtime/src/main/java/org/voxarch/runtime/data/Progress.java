package org.voxarch.runtime.data;

/**
 * Reports how far a long operation has come (cases preprocessed, windows predicted, ...), for a progress bar. Called
 * on the working thread after each step, so implementations should be quick.
 */
@FunctionalInterface
public interface Progress {
    /** A listener that ignores every report. */
    Progress NONE = (done, total) -> { };

    /**
     * @param done  steps finished so far, 0..total
     * @param total steps in all
     */
    void update(long done, long total);
}
