package org.voxarch.runtime.nn;

/**
 * Switches for the runtime's faster alternatives to libtorch's default kernel choice. Each computes the same values
 * as the plain path (tests compare them at 1e-4 relative) and can be turned off, alone with its system property or
 * all at once with {@code -Dvoxarch.kernels.plain=true} / {@link #plain()}, to measure what it gains.
 */
public final class Kernels {
    private static volatile boolean directOnednn = flag("voxarch.kernels.directOnednn");
    private static volatile boolean patchMatmul = flag("voxarch.kernels.patchMatmul");
    private static volatile boolean pointwiseMatmul = flag("voxarch.kernels.pointwiseMatmul");
    private static volatile boolean diceFromSums = flag("voxarch.kernels.diceFromSums");
    private static volatile boolean byteMaskDropout = flag("voxarch.kernels.byteMaskDropout");
    private static volatile boolean labelGatherLoss = flag("voxarch.kernels.labelGatherLoss");

    private Kernels() {
    }

    private static boolean flag(String name) {
        return !Boolean.getBoolean("voxarch.kernels.plain") && Boolean.parseBoolean(System.getProperty(name, "true"));
    }

    /**
     * Without gradients, call oneDNN's convolution directly for every batch size (libtorch's dispatcher otherwise
     * picks its reference kernel for single small samples and adds layout conversions). Property
     * {@code voxarch.kernels.directOnednn}.
     */
    public static boolean directOnednn() {
        return directOnednn;
    }

    /**
     * Convolutions and transposed convolutions whose kernel equals their stride (patch embedding, down- and
     * up-sampling) as one matrix product with a reshuffle. Property {@code voxarch.kernels.patchMatmul}.
     */
    public static boolean patchMatmul() {
        return patchMatmul;
    }

    /** 1×1×1 convolutions as one matrix product. Property {@code voxarch.kernels.pointwiseMatmul}. */
    public static boolean pointwiseMatmul() {
        return pointwiseMatmul;
    }

    /**
     * The soft Dice loss's false positives and negatives from sums ({@code Σp - tp}, {@code Σy - tp}) rather than
     * from their own full-size products. Property {@code voxarch.kernels.diceFromSums}.
     */
    public static boolean diceFromSums() {
        return diceFromSums;
    }

    /**
     * Training dropout through libtorch's {@code native_dropout}: a boolean mask saved for backward instead of the
     * float noise tensor (a quarter of the bytes; the spatial attention of UNETR++'s first stage drops a
     * {@code [B, 4, 32768, 64]} tensor six times per forward). Property {@code voxarch.kernels.byteMaskDropout}.
     */
    public static boolean byteMaskDropout() {
        return byteMaskDropout;
    }

    /**
     * The Dice+CE loss from the probabilities at each voxel's label, gathered, rather than from products with a
     * one-hot target (which backward keeps, as large as the logits). Property {@code voxarch.kernels.labelGatherLoss}.
     */
    public static boolean labelGatherLoss() {
        return labelGatherLoss;
    }

    /** Sets {@link #labelGatherLoss()} alone; for parity tests. */
    public static void setLabelGatherLoss(boolean on) {
        labelGatherLoss = on;
    }

    /** Sets every switch; for benchmarks and parity tests. */
    public static void set(boolean on) {
        directOnednn = on;
        patchMatmul = on;
        pointwiseMatmul = on;
        diceFromSums = on;
        byteMaskDropout = on;
        labelGatherLoss = on;
    }

    /** Turns every alternative off: libtorch's own kernel choice everywhere (with the correctness workarounds). */
    public static void plain() {
        set(false);
    }

    /** @return the switches as {@code name=on|off} text, for benchmark output */
    public static String describe() {
        return "directOnednn=" + onOff(directOnednn) + " patchMatmul=" + onOff(patchMatmul) + " pointwiseMatmul="
                + onOff(pointwiseMatmul) + " diceFromSums=" + onOff(diceFromSums) + " byteMaskDropout="
                + onOff(byteMaskDropout) + " labelGatherLoss=" + onOff(labelGatherLoss);
    }

    private static String onOff(boolean b) {
        return b ? "on" : "off";
    }
}
