package org.voxarch.runtime.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Computes a {@link DatasetPlan} from the training cases, reading one case at a time (reference §3.3):
 *
 * <ul>
 *   <li>target spacing: the per-axis median spacing; if the coarsest axis is more than 3× coarser than the others
 *       and has fewer than a third of their (median, cropped) voxels, that axis takes the 10th percentile of its
 *       spacings instead (but stays above the finest in-plane spacing);</li>
 *   <li>unless the configuration fixes the target spacing, which then wins;</li>
 *   <li>CT channels: every 10th foreground (label &gt; 0) voxel of every cropped case is collected; the plan keeps
 *       their mean, standard deviation and 0.5th/99.5th percentiles.</li>
 * </ul>
 */
public final class DatasetPlanner {
    private static final int FOREGROUND_STRIDE = 10;
    private static final double LOWER_PERCENTILE = 0.5;
    private static final double UPPER_PERCENTILE = 99.5;
    private static final double ANISOTROPIC_PERCENTILE = 10;
    /** Keeps the low-resolution target above the in-plane spacing, as nnU-Net v1 does. */
    private static final double SPACING_EPSILON = 1e-5;

    private DatasetPlanner() {
    }

    /** @return the fingerprint a plan for this dataset and configuration would carry */
    public static String fingerprint(MsdDataset dataset, DatasetConfig config) {
        List<java.nio.file.Path> files = new ArrayList<>();
        dataset.training().forEach(c -> files.addAll(c.files()));
        // Only what the plan depends on: not the patch or batch size, which preprocessing does not use.
        String key = "plan v" + DatasetPlan.VERSION + "\nmodalities " + config.modalities() + "\nnormalization "
                + config.normalization() + "\nmask " + config.useMaskForNorm()
                + (config.targetSpacing() == null ? "" : "\nspacing " + Arrays.toString(config.targetSpacing()));
        return SourceFingerprint.of(key, files);
    }

    /**
     * Reads every training case once and computes the plan.
     *
     * @throws DatasetException if the dataset has no training case or does not suit the configuration
     */
    public static DatasetPlan plan(MsdDataset dataset, DatasetConfig config, Progress progress) {
        dataset.requireChannels(config.channels(), config.network());
        List<DatasetCase> cases = dataset.training();
        if (cases.isEmpty()) {
            throw new DatasetException(dataset.directory().resolve(MsdDataset.DESCRIPTOR), "no training cases");
        }
        double[][] spacings = new double[cases.size()][];
        double[][] shapes = new double[cases.size()][];
        FloatSamples[] foreground = new FloatSamples[config.channels()];
        for (int k = 0; k < foreground.length; k++) {
            foreground[k] = new FloatSamples();
        }
        for (int i = 0; i < cases.size(); i++) {
            LoadedCase c = dataset.read(cases.get(i));
            List<float[]> data = c.channels().stream().map(Volume::data).toList();
            int[] shape = c.reference().shape();
            CropBox box = CropBox.nonZero(data, shape);
            spacings[i] = c.reference().spacing();
            shapes[i] = Arrays.stream(box.shape()).asDoubleStream().toArray();
            if (config.normalization().contains(Normalization.CT)) {
                byte[] labels = Preprocessor.labelBytes(c.source().label(), c.labels());
                collectForeground(box.crop(labels, shape), data, box, shape, config, foreground);
            }
            progress.update(i + 1, cases.size());
        }
        double[] medianSpacing = FloatSamples.columnMedians(spacings);
        double[] medianShape = FloatSamples.columnMedians(shapes);
        double[] target = medianSpacing.clone();
        int lowRes = config.targetSpacing() != null ? -1 : anisotropicAxis(medianSpacing, medianShape);
        if (config.targetSpacing() != null) {
            target = config.targetSpacing().clone();
        } else if (lowRes >= 0) {
            double maxOther = 0;
            for (int a = 0; a < 3; a++) {
                maxOther = a == lowRes ? maxOther : Math.max(maxOther, medianSpacing[a]);
            }
            double p10 = FloatSamples.columnPercentile(spacings, lowRes, ANISOTROPIC_PERCENTILE);
            target[lowRes] = p10 < maxOther ? Math.max(maxOther, p10) + SPACING_EPSILON : p10;
        }
        List<ChannelPlan> channels = new ArrayList<>();
        for (int k = 0; k < config.channels(); k++) {
            Normalization n = config.normalization().get(k);
            if (n == Normalization.CT) {
                FloatSamples s = foreground[k];
                if (s.size() == 0) {
                    throw new DatasetException(dataset.directory().resolve(MsdDataset.DESCRIPTOR), "CT channel " + k
                            + " needs foreground voxels for its statistics, but no training label has any");
                }
                double[] p = s.percentiles(LOWER_PERCENTILE, UPPER_PERCENTILE);
                channels.add(new ChannelPlan(config.modalities().get(k), n, config.useMaskForNorm().get(k), s.mean(),
                        s.std(), p[0], p[1], s.size()));
            } else {
                channels.add(new ChannelPlan(config.modalities().get(k), n, config.useMaskForNorm().get(k), 0, 0, 0, 0,
                        0));
            }
        }
        return new DatasetPlan(DatasetPlan.VERSION, dataset.name(), config.name(), fingerprint(dataset, config),
                target, medianSpacing, medianShape, lowRes, channels, cases.size());
    }

    /** The coarsest axis if it is both > 3× coarser than every other and has < 1/3 of their voxels, else -1. */
    static int anisotropicAxis(double[] spacing, double[] shape) {
        int worst = 0;
        for (int a = 1; a < 3; a++) {
            if (spacing[a] > spacing[worst]) {
                worst = a;
            }
        }
        double maxOtherSpacing = 0;
        double minOtherSize = Double.POSITIVE_INFINITY;
        for (int a = 0; a < 3; a++) {
            if (a != worst) {
                maxOtherSpacing = Math.max(maxOtherSpacing, spacing[a]);
                minOtherSize = Math.min(minOtherSize, shape[a]);
            }
        }
        boolean coarse = spacing[worst] > Resampling.ANISOTROPY_THRESHOLD * maxOtherSpacing;
        boolean few = shape[worst] * Resampling.ANISOTROPY_THRESHOLD < minOtherSize;
        return coarse && few ? worst : -1;
    }

    private static void collectForeground(byte[] croppedLabels, List<float[]> data, CropBox box, int[] shape,
            DatasetConfig config, FloatSamples[] foreground) {
        for (int k = 0; k < data.size(); k++) {
            if (config.normalization().get(k) != Normalization.CT) {
                continue;
            }
            float[] cropped = box.crop(data.get(k), shape);
            int seen = 0;
            for (int i = 0; i < cropped.length; i++) {
                if (croppedLabels[i] != 0 && seen++ % FOREGROUND_STRIDE == 0) {
                    foreground[k].add(cropped[i]);
                }
            }
        }
    }
}
