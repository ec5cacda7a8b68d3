package org.voxarch.runtime.io.torch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.pytorch.Tensor;
import org.voxarch.runtime.data.ChannelPlan;
import org.voxarch.runtime.data.Normalization;

/**
 * The objects of an nnU-Net v1 checkpoint pair as its trainers save them: the {@code .model} dict ({@code epoch},
 * {@code state_dict}, optimizer and scheduler state, curves) and the {@code .model.pkl} dict ({@code init},
 * {@code name}, {@code class}, {@code plans}), for {@link TorchWriter}.
 */
public final class NnUnetCheckpoint {
    private NnUnetCheckpoint() {
    }

    /** @return the UNETR++ authors' trainer of a bundled variant (the Synapse one for any other network) */
    public static String trainerFor(String network) {
        String n = network.replace('-', '_');
        if (n.endsWith("acdc")) {
            return "unetr_pp_trainer_acdc";
        }
        if (n.endsWith("brats")) {
            return "unetr_pp_trainer_tumor";
        }
        if (n.endsWith("lung")) {
            return "unetr_pp_trainer_lung";
        }
        return "unetr_pp_trainer_synapse";
    }

    /**
     * The {@code .model} dict: epoch 0 with empty curves (so {@code load_checkpoint_ram} finds them consistent), the
     * state dict as an OrderedDict, no optimizer or scheduler state.
     */
    public static Object checkpoint(Map<String, Tensor> stateDict) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", 0L);
        m.put("state_dict", new Pickler.OrderedDict(stateDict));
        m.put("optimizer_state_dict", null);
        m.put("lr_scheduler_state_dict", null);
        m.put("plot_stuff", Pickler.Tuple.of(List.of(), List.of(), List.of(), List.of()));
        return m;
    }

    /** The {@code .model.pkl} dict; {@code init} holds placeholder paths (restoring a trainer needs its own). */
    public static Object info(String trainer, Object plans) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("init", Pickler.Tuple.of("plans.pkl", 0L, "output", "preprocessed", false, 0L, true, false, true));
        m.put("name", trainer);
        m.put("class", "<class 'unetr_pp.training.network_training." + trainer + "." + trainer + "'>");
        m.put("plans", plans);
        return new Pickler.OrderedDict(m);
    }

    /** A single-stage plans dict with every field the trainers' {@code process_plans} reads. */
    public static Object plans(int[] patch, double[] spacing, double[] medianShape, int classes,
            List<ChannelPlan> channels) {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("batch_size", 2L);
        stage.put("num_pool_per_axis", longs(4, 5, 5));
        stage.put("patch_size", longs(Arrays.stream(patch).asLongStream().toArray()));
        stage.put("median_patient_size_in_voxels", doubles(medianShape));
        stage.put("current_spacing", doubles(spacing));
        stage.put("original_spacing", doubles(spacing));
        stage.put("do_dummy_2D_data_aug", false);
        stage.put("pool_op_kernel_sizes", List.of(longs(2, 2, 2), longs(2, 2, 2), longs(2, 2, 2), longs(2, 2, 2)));
        stage.put("conv_kernel_sizes", List.of(longs(3, 3, 3), longs(3, 3, 3), longs(3, 3, 3), longs(3, 3, 3),
                longs(3, 3, 3)));
        Map<Object, Object> modalities = new LinkedHashMap<>();
        Map<Object, Object> schemes = new LinkedHashMap<>();
        Map<Object, Object> masks = new LinkedHashMap<>();
        Map<Object, Object> intensities = new LinkedHashMap<>();
        for (int c = 0; c < channels.size(); c++) {
            ChannelPlan p = channels.get(c);
            boolean ct = p.normalization() == Normalization.CT;
            modalities.put((long) c, p.modality());
            schemes.put((long) c, ct ? "CT" : "nonCT");
            masks.put((long) c, p.useMask());
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("mean", p.mean());
            stats.put("sd", p.std());
            stats.put("percentile_00_5", p.lower());
            stats.put("percentile_99_5", p.upper());
            intensities.put((long) c, stats);
        }
        List<Object> all = new ArrayList<>();
        for (long k = 1; k < classes; k++) {
            all.add(k);
        }
        Map<String, Object> plans = new LinkedHashMap<>();
        plans.put("num_stages", 1L);
        plans.put("num_modalities", (long) channels.size());
        plans.put("modalities", modalities);
        plans.put("normalization_schemes", new Pickler.OrderedDict(schemes));
        plans.put("dataset_properties", Map.of("intensityproperties", intensities));
        plans.put("num_classes", (long) classes - 1);
        plans.put("all_classes", all);
        plans.put("base_num_features", 32L);
        plans.put("use_mask_for_norm", new Pickler.OrderedDict(masks));
        plans.put("keep_only_largest_region", null);
        plans.put("min_region_size_per_class", null);
        plans.put("min_size_per_class", null);
        plans.put("transpose_forward", longs(0, 1, 2));
        plans.put("transpose_backward", longs(0, 1, 2));
        plans.put("plans_per_stage", Map.of(0L, stage));
        plans.put("conv_per_stage", 2L);
        return plans;
    }

    private static List<Object> longs(long... values) {
        return Arrays.stream(values).boxed().map(Object.class::cast).toList();
    }

    private static List<Object> doubles(double[] values) {
        return Arrays.stream(values).boxed().map(Object.class::cast).toList();
    }
}
