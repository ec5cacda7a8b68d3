package org.voxarch.runtime.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.voxarch.runtime.io.AtomicFiles;

/**
 * Dataset statistics computed once from the training set (nnU-Net's "plans"): the target spacing, the intensity
 * statistics for normalisation, and what they were computed from. Stored as JSON next to the preprocessed cases.
 *
 * @param version           format version ({@link #VERSION}); plans of another version are recomputed
 * @param dataset           the dataset's name
 * @param config            the configuration's name
 * @param fingerprint       hash of the configuration and the training files (names, sizes, times) the plan comes
 *                          from; a different fingerprint means the plan is stale
 * @param targetSpacing     (z, y, x) spacing every case is resampled to
 * @param medianSpacing     per-axis median spacing of the training set
 * @param medianShape       per-axis median shape after cropping, before resampling
 * @param lowResolutionAxis the axis that took the 10th-percentile spacing because of anisotropy, or -1
 * @param channels          normalisation per input channel
 * @param trainingCases     cases the statistics come from
 */
public record DatasetPlan(int version, String dataset, String config, String fingerprint, double[] targetSpacing,
        double[] medianSpacing, double[] medianShape, int lowResolutionAxis, List<ChannelPlan> channels,
        int trainingCases) {

    /** The current format version. */
    public static final int VERSION = 1;
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public DatasetPlan {
        targetSpacing = targetSpacing.clone();
        medianSpacing = medianSpacing.clone();
        medianShape = medianShape.clone();
        channels = List.copyOf(channels);
    }

    /** @return the plan as JSON text */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan always serialises", e);
        }
    }

    /** Writes the plan as JSON, atomically. */
    public void write(Path file) {
        try {
            AtomicFiles.writeString(file, toJson());
        } catch (IOException e) {
            throw new DatasetException(file, "cannot write the plan: " + e, e);
        }
    }

    /** Reads a plan written by {@link #write}. */
    public static DatasetPlan read(Path file) {
        try {
            return JSON.readValue(file.toFile(), DatasetPlan.class);
        } catch (IOException e) {
            throw new DatasetException(file, "cannot read the plan: " + e.getMessage(), e);
        }
    }
}
