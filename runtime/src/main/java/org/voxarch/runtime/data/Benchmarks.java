package org.voxarch.runtime.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The five UNETR++ benchmark configurations (reference §2, §3.2–3.4, §3.10): network, channels and normalisation,
 * classes, patch, batch and the evaluated organs or regions.
 */
public final class Benchmarks {
    /** Synapse multi-organ CT: the 13 organs the network is trained on (label value = index). */
    private static final List<String> SYNAPSE_CLASSES = List.of("background", "spleen", "right kidney",
            "left kidney", "gallbladder", "esophagus", "liver", "stomach", "aorta", "inferior vena cava",
            "portal and splenic veins", "pancreas", "right adrenal gland", "left adrenal gland");
    /** Only these 8 organs are scored (inference_synapse.py). */
    private static final int[] SYNAPSE_EVALUATED = {1, 2, 3, 4, 6, 7, 8, 11};

    private Benchmarks() {
    }

    /** Synapse: CT, 14 classes, patch 64×128×128, batch 2, the 8 evaluated organs. */
    public static DatasetConfig synapse() {
        return abdomen("synapse", "unetrpp-synapse");
    }

    /** BTCV: the Synapse network on another split; same classes and evaluation. */
    public static DatasetConfig btcv() {
        return abdomen("btcv", "unetrpp-btcv");
    }

    private static DatasetConfig abdomen(String name, String network) {
        List<Region> organs = new ArrayList<>();
        for (int label : SYNAPSE_EVALUATED) {
            organs.add(Region.of(SYNAPSE_CLASSES.get(label), label));
        }
        return new DatasetConfig(name, network, List.of("CT"), List.of(Normalization.CT), List.of(false),
                SYNAPSE_CLASSES, new int[] {64, 128, 128}, 2, organs);
    }

    /** ACDC: cine MRI, 4 classes, patch 16×160×160, batch 4; RV = 1, Myo = 2, LV = 3. */
    public static DatasetConfig acdc() {
        return new DatasetConfig("acdc", "unetrpp-acdc", List.of("MRI"), List.of(Normalization.Z_SCORE),
                List.of(false), List.of("background", "RV", "Myo", "LV"), new int[] {16, 160, 160}, 4,
                List.of(Region.of("RV", 1), Region.of("Myo", 2), Region.of("LV", 3)));
    }

    /**
     * BraTS (MSD Task01): 4 MRI modalities z-scored inside the brain mask, 4 classes (1 edema, 2 non-enhancing
     * tumour, 3 enhancing tumour), patch 128³, batch 2; evaluated as WT = {1,2,3}, TC = {2,3}, ET = {3}.
     */
    public static DatasetConfig brats() {
        List<String> modalities = List.of("FLAIR", "T1w", "t1gd", "T2w");
        return new DatasetConfig("brats", "unetrpp-brats", modalities,
                List.of(Normalization.Z_SCORE, Normalization.Z_SCORE, Normalization.Z_SCORE, Normalization.Z_SCORE),
                List.of(true, true, true, true),
                List.of("background", "edema", "non-enhancing tumour", "enhancing tumour"), new int[] {128, 128, 128},
                2, List.of(new Region("WT", new int[] {1, 2, 3}), new Region("TC", new int[] {2, 3}),
                        new Region("ET", new int[] {3})));
    }

    /** Decathlon Lung (MSD Task06): CT, 2 classes, patch 32×192×192, batch 2; tumour = 1. */
    public static DatasetConfig lung() {
        return new DatasetConfig("lung", "unetrpp-lung", List.of("CT"), List.of(Normalization.CT), List.of(false),
                List.of("background", "tumour"), new int[] {32, 192, 192}, 2, List.of(Region.of("tumour", 1)));
    }

    /** @return the five configurations: synapse, btcv, acdc, brats, lung */
    public static List<DatasetConfig> all() {
        return List.of(synapse(), btcv(), acdc(), brats(), lung());
    }

    /**
     * @param name a configuration name (case-insensitive), or its network name
     * @throws IllegalArgumentException listing the known names
     */
    public static DatasetConfig byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (DatasetConfig c : all()) {
            if (c.name().equals(n) || c.network().equals(n)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown benchmark \"" + name + "\"; known: synapse, btcv, acdc, brats, lung");
    }
}
