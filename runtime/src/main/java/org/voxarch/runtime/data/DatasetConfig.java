package org.voxarch.runtime.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How one benchmark is trained and evaluated: the network, the input channels and their normalisation, the
 * classes, the patch and batch size, and which classes or regions the evaluation reports. Everything a benchmark
 * differs in is data here, not code.
 *
 * @param name           e.g. {@code "synapse"}
 * @param network        the network to build, e.g. {@code "unetrpp-synapse"}
 * @param modalities     one entry per input channel, e.g. {@code ["CT"]}
 * @param normalization  the intensity scheme of each channel
 * @param useMaskForNorm per channel: z-score only inside the non-zero mask and set the outside to 0
 * @param classNames     class names by label value, background first; their number is the network's output count
 * @param patch          (z, y, x) patch size
 * @param batchSize      patches per training step
 * @param evaluated      the classes or regions reported by the evaluation
 * @param targetSpacing  (z, y, x) millimetres to resample every case to, or {@code null} to plan it from the data
 *                       as the reference does
 */
public record DatasetConfig(String name, String network, List<String> modalities, List<Normalization> normalization,
        List<Boolean> useMaskForNorm, List<String> classNames, int[] patch, int batchSize, List<Region> evaluated,
        double[] targetSpacing) {

    public DatasetConfig {
        modalities = List.copyOf(modalities);
        normalization = List.copyOf(normalization);
        useMaskForNorm = List.copyOf(useMaskForNorm);
        classNames = List.copyOf(classNames);
        patch = patch.clone();
        evaluated = List.copyOf(evaluated);
        targetSpacing = targetSpacing == null ? null : targetSpacing.clone();
        if (targetSpacing != null && (targetSpacing.length != 3
                || Arrays.stream(targetSpacing).anyMatch(s -> !(s > 0) || Double.isInfinite(s)))) {
            throw new IllegalArgumentException(name + ": target spacing " + Arrays.toString(targetSpacing)
                    + " needs three positive sizes");
        }
        if (normalization.size() != modalities.size() || useMaskForNorm.size() != modalities.size()) {
            throw new IllegalArgumentException(name + ": one normalisation and one mask flag per modality needed");
        }
        if (patch.length != 3 || Arrays.stream(patch).anyMatch(p -> p < 1) || batchSize < 1) {
            throw new IllegalArgumentException(name + ": patch " + Arrays.toString(patch) + " / batch " + batchSize);
        }
        for (Region r : evaluated) {
            for (int l : r.labels()) {
                if (l >= classNames.size()) {
                    throw new IllegalArgumentException(name + ": region " + r + " uses label " + l + " but there are "
                            + classNames.size() + " classes");
                }
            }
        }
    }

    /** A configuration whose target spacing is planned from the data. */
    public DatasetConfig(String name, String network, List<String> modalities, List<Normalization> normalization,
            List<Boolean> useMaskForNorm, List<String> classNames, int[] patch, int batchSize,
            List<Region> evaluated) {
        this(name, network, modalities, normalization, useMaskForNorm, classNames, patch, batchSize, evaluated, null);
    }

    /** @return this configuration with another batch size */
    public DatasetConfig withBatchSize(int newBatchSize) {
        return new DatasetConfig(name, network, modalities, normalization, useMaskForNorm, classNames, patch,
                newBatchSize, evaluated, targetSpacing);
    }

    /** @return this configuration resampling every case to {@code spacing} (z, y, x) mm instead of the planned one */
    public DatasetConfig withTargetSpacing(double[] spacing) {
        return new DatasetConfig(name, network, modalities, normalization, useMaskForNorm, classNames, patch,
                batchSize, evaluated, spacing);
    }

    /** @return input channels of the network */
    public int channels() {
        return modalities.size();
    }

    /** @return output classes of the network, background included */
    public int classes() {
        return classNames.size();
    }

    /**
     * A configuration for a dataset of one's own: the modalities and classes come from {@code dataset.json},
     * normalisation follows the modality (CT or z-score, no mask), and every foreground class is evaluated.
     */
    public static DatasetConfig forDataset(MsdDataset dataset, String network, int[] patch, int batchSize) {
        return forLabels(dataset.name(), network, dataset.modalities(), dataset.labels(), patch, batchSize);
    }

    /** As {@link #forDataset}, from the modality list and label map directly. */
    public static DatasetConfig forLabels(String name, String network, List<String> modalities,
            Map<Integer, String> labels, int[] patch, int batchSize) {
        int classes = labels.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        List<String> names = new ArrayList<>();
        List<Region> evaluated = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            String n = labels.getOrDefault(c, "class " + c);
            names.add(n);
            if (c > 0) {
                evaluated.add(Region.of(n, c));
            }
        }
        List<Normalization> norms = modalities.stream().map(Normalization::forModality).toList();
        List<Boolean> masks = modalities.stream().map(m -> false).toList();
        return new DatasetConfig(name, network, modalities, norms, masks, names, patch, batchSize, evaluated);
    }

    @Override
    public String toString() {
        return "DatasetConfig[" + name + ", " + network + ", " + modalities + " " + normalization + ", "
                + classes() + " classes, patch " + Arrays.toString(patch) + ", batch " + batchSize + ", evaluated "
                + evaluated + "]";
    }
}
