package org.voxarch.runtime.io.torch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.voxarch.runtime.data.ChannelPlan;
import org.voxarch.runtime.data.DatasetPlan;
import org.voxarch.runtime.data.Normalization;
import org.voxarch.runtime.io.TensorFileException;

/**
 * What voxarch takes from an nnU-Net v1 {@code .model.pkl} ({@code init}, {@code name}, {@code class},
 * {@code plans}): the stage's patch and spacing, channels with their normalisation, the class count, and the
 * settings voxarch does not honour, each with why.
 *
 * @param trainer     the trainer class name, e.g. {@code unetr_pp_trainer_synapse}
 * @param patch       (z, y, x) patch size of the stage
 * @param spacing     (z, y, x) target spacing of the stage
 * @param classes     output classes, background included
 * @param channels    normalisation per input channel
 * @param medianShape median shape of the training cases at the target spacing (zeros if the plans lack it)
 * @param cases       training cases the plans were made from
 * @param notHonoured settings voxarch ignores, one line each
 */
public record NnUnetPlans(String trainer, int[] patch, double[] spacing, int classes, List<ChannelPlan> channels,
        double[] medianShape, int cases, List<String> notHonoured) {

    /**
     * @throws TensorFileException naming the file and the missing or malformed field
     */
    public static NnUnetPlans read(Path pkl) {
        Object root = TorchCheckpoint.readPickle(pkl);
        Fields info = new Fields(pkl, "", root);
        Fields plans = info.dict("plans");
        List<String> ignored = new ArrayList<>();
        Fields stages = plans.dict("plans_per_stage");
        Object stageKey = stageOf(info, stages);
        Fields stage = stages.dict(stageKey);
        int[] patch = Arrays.stream(stage.numbers("patch_size")).mapToInt(d -> (int) d).toArray();
        double[] spacing = stage.numbers("current_spacing");
        if (patch.length != 3 || spacing.length != 3) {
            throw new TensorFileException(pkl, "plans_per_stage." + stageKey + ": a 3-D patch and spacing expected,"
                    + " got " + Arrays.toString(patch) + " and " + Arrays.toString(spacing));
        }
        double[] transpose = plans.has("transpose_forward") ? plans.numbers("transpose_forward")
                : new double[] {0, 1, 2};
        if (!Arrays.equals(transpose, new double[] {0, 1, 2})) {
            throw new TensorFileException(pkl, "plans.transpose_forward is " + Arrays.toString(transpose)
                    + ": the network was trained on transposed volumes, which voxarch does not do");
        }
        int modalities = (int) plans.number("num_modalities");
        Fields schemes = plans.dict("normalization_schemes");
        Fields masks = plans.has("use_mask_for_norm") ? plans.dict("use_mask_for_norm") : null;
        Fields intensities = plans.dict("dataset_properties").dict("intensityproperties");
        List<ChannelPlan> channels = new ArrayList<>();
        for (long c = 0; c < modalities; c++) {
            String scheme = schemes.string(c);
            boolean mask = masks != null && Boolean.TRUE.equals(masks.get(c));
            switch (scheme) {
                case "CT" -> {
                    Fields p = intensities.dict(c);
                    channels.add(new ChannelPlan("CT", Normalization.CT, false, p.number("mean"), p.number("sd"),
                            p.number("percentile_00_5"), p.number("percentile_99_5"), 0));
                }
                case "nonCT" -> channels.add(new ChannelPlan("MRI", Normalization.Z_SCORE, mask, 0, 0, 0, 0, 0));
                default -> {
                    ignored.add("normalization_schemes[" + c + "] = " + scheme + ": voxarch z-scores this channel"
                            + " per image instead");
                    channels.add(new ChannelPlan(scheme, Normalization.Z_SCORE, mask, 0, 0, 0, 0, 0));
                }
            }
        }
        double[] median = stage.has("median_patient_size_in_voxels")
                ? stage.numbers("median_patient_size_in_voxels") : new double[3];
        int cases = plans.has("list_of_npz_files") ? plans.list("list_of_npz_files").size() : 0;
        for (String key : List.of("keep_only_largest_region", "min_region_size_per_class")) {
            if (plans.has(key) && plans.get(key) != null) {
                ignored.add(key + ": postprocessing is not applied");
            }
        }
        if (stages.size() > 1) {
            ignored.add("plans_per_stage: " + stages.size() + " stages (cascade); stage " + stageKey
                    + " is used alone");
        }
        ignored.add("resampling: images are resampled with Keys cubic convolution where nnU-Net uses a third-order"
                + " B-spline (same order, same anisotropy rule; values differ slightly)");
        String trainer = info.has("name") ? String.valueOf(info.get("name")) : "";
        return new NnUnetPlans(trainer, patch, spacing, (int) plans.number("num_classes") + 1, channels, median,
                cases, ignored);
    }

    /** The trainer's stage ({@code init[5]}), else the only (or last) stage of the plans. */
    private static Object stageOf(Fields info, Fields stages) {
        if (info.has("init") && info.get("init") instanceof List<?> init && init.size() > 5
                && init.get(5) instanceof Long s && stages.has(s)) {
            return s;
        }
        List<Object> keys = new ArrayList<>(stages.keys());
        return keys.get(keys.size() - 1);
    }

    /** The plan voxarch's preprocessing reads, for a run imported from these plans. */
    public DatasetPlan toDatasetPlan(String dataset, String fingerprint) {
        return new DatasetPlan(DatasetPlan.VERSION, dataset, "imported", fingerprint, spacing, spacing, medianShape,
                -1, channels, cases);
    }

    /** Navigation in a pickled dict with errors that name the file and the path of the field. */
    private record Fields(Path file, String path, Object value) {
        Map<?, ?> map() {
            if (value instanceof Map<?, ?> m) {
                return m;
            }
            throw new TensorFileException(file, (path.isEmpty() ? "the pickle" : path) + " is "
                    + Unpickler.describe(value) + ", not a dict");
        }

        boolean has(Object key) {
            return map().containsKey(key);
        }

        Object get(Object key) {
            return map().get(key);
        }

        int size() {
            return map().size();
        }

        List<Object> keys() {
            return new ArrayList<>(map().keySet());
        }

        Fields dict(Object key) {
            Fields f = new Fields(file, name(key), require(key));
            f.map();
            return f;
        }

        Object require(Object key) {
            Map<?, ?> m = map();
            if (!m.containsKey(key)) {
                throw new TensorFileException(file, "no field " + name(key) + " (has " + m.keySet() + ")");
            }
            return m.get(key);
        }

        String string(Object key) {
            Object v = require(key);
            if (v instanceof String s) {
                return s;
            }
            throw new TensorFileException(file, name(key) + " is " + Unpickler.describe(v) + ", not a string");
        }

        double number(Object key) {
            Object v = require(key);
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            if (v instanceof NumpyArray a && a.values().size() == 1 && a.values().get(0) instanceof Number n) {
                return n.doubleValue();
            }
            throw new TensorFileException(file, name(key) + " is " + Unpickler.describe(v) + ", not a number");
        }

        List<?> list(Object key) {
            Object v = require(key);
            if (v instanceof List<?> l) {
                return l;
            }
            throw new TensorFileException(file, name(key) + " is " + Unpickler.describe(v) + ", not a list");
        }

        double[] numbers(Object key) {
            Object v = require(key);
            List<?> items = v instanceof NumpyArray a ? a.values() : v instanceof List<?> l ? l : null;
            if (items == null || !items.stream().allMatch(x -> x instanceof Number)) {
                throw new TensorFileException(file, name(key) + " is not a list of numbers");
            }
            return items.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
        }

        private String name(Object key) {
            return path.isEmpty() ? String.valueOf(key) : path + "." + key;
        }
    }
}
