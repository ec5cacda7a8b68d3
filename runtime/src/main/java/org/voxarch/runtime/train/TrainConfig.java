package org.voxarch.runtime.train;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Everything a training run is configured with. Defaults are UNETR++'s nnU-Net v1 recipe (reference §3.4–3.8):
 * 1000 epochs of 250 iterations, 50 validation batches, batch 2, SGD lr 0.01 with Nesterov momentum 0.99 and weight
 * decay 3e-5, poly decay 0.9, gradient norm clipped to 12, foreground oversampling 0.33, EMA α 0.9, the "moreDA"
 * augmentation. Build with {@link #builder(int[], Path)}.
 */
public final class TrainConfig {
    private final int epochs;
    private final int iterationsPerEpoch;
    private final int validationBatches;
    private final int batchSize;
    private final int[] patch;
    private final double learningRate;
    private final double momentum;
    private final boolean nesterov;
    private final double weightDecay;
    private final double polyExponent;
    private final double gradientClipNorm;
    private final long seed;
    private final Path outputDir;
    private final double[] deepSupervisionWeights;
    private final boolean batchDice;
    private final double foregroundOversampling;
    private final double foregroundJitter;
    private final int loaderThreads;
    private final int prefetch;
    private final int[] evaluatedClasses;
    private final double emaAlpha;
    private final Augmentations augmentations;
    private final int torchThreads;
    private final boolean progressBar;
    private final String runTag;

    private TrainConfig(Builder b) {
        this.epochs = b.epochs;
        this.iterationsPerEpoch = b.iterationsPerEpoch;
        this.validationBatches = b.validationBatches;
        this.batchSize = b.batchSize;
        this.patch = b.patch.clone();
        this.learningRate = b.learningRate;
        this.momentum = b.momentum;
        this.nesterov = b.nesterov;
        this.weightDecay = b.weightDecay;
        this.polyExponent = b.polyExponent;
        this.gradientClipNorm = b.gradientClipNorm;
        this.seed = b.seed;
        this.outputDir = b.outputDir;
        this.deepSupervisionWeights = b.deepSupervisionWeights == null ? null : b.deepSupervisionWeights.clone();
        this.batchDice = b.batchDice;
        this.foregroundOversampling = b.foregroundOversampling;
        this.foregroundJitter = b.foregroundJitter;
        this.loaderThreads = b.loaderThreads;
        this.prefetch = b.prefetch > 0 ? b.prefetch : 2 * b.loaderThreads;
        this.evaluatedClasses = b.evaluatedClasses == null ? null : b.evaluatedClasses.clone();
        this.emaAlpha = b.emaAlpha;
        this.augmentations = b.augmentations != null ? b.augmentations
                : Augmentations.reference(Augmentations.needsDummy2D(b.patch));
        this.torchThreads = b.torchThreads;
        this.progressBar = b.progressBar;
        this.runTag = b.runTag;
    }

    /**
     * @param patch     patch size (z, y, x), e.g. {64, 128, 128} for Synapse
     * @param outputDir where checkpoints, logs and plots go (created if missing)
     */
    public static Builder builder(int[] patch, Path outputDir) {
        return new Builder(patch, outputDir);
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        Builder b = new Builder(patch, outputDir);
        b.epochs = epochs;
        b.iterationsPerEpoch = iterationsPerEpoch;
        b.validationBatches = validationBatches;
        b.batchSize = batchSize;
        b.learningRate = learningRate;
        b.momentum = momentum;
        b.nesterov = nesterov;
        b.weightDecay = weightDecay;
        b.polyExponent = polyExponent;
        b.gradientClipNorm = gradientClipNorm;
        b.seed = seed;
        b.deepSupervisionWeights = deepSupervisionWeights;
        b.batchDice = batchDice;
        b.foregroundOversampling = foregroundOversampling;
        b.foregroundJitter = foregroundJitter;
        b.loaderThreads = loaderThreads;
        b.prefetch = prefetch;
        b.evaluatedClasses = evaluatedClasses;
        b.emaAlpha = emaAlpha;
        b.augmentations = augmentations;
        b.torchThreads = torchThreads;
        b.progressBar = progressBar;
        b.runTag = runTag;
        return b;
    }

    /** @return total epochs E (the poly schedule decays over these) */
    public int epochs() {
        return epochs;
    }

    /** @return training iterations per epoch (250) */
    public int iterationsPerEpoch() {
        return iterationsPerEpoch;
    }

    /** @return validation batches per epoch (50) */
    public int validationBatches() {
        return validationBatches;
    }

    /** @return B */
    public int batchSize() {
        return batchSize;
    }

    /** @return patch size (z, y, x) */
    public int[] patch() {
        return patch.clone();
    }

    /** @return lr0 (0.01) */
    public double learningRate() {
        return learningRate;
    }

    /** @return SGD momentum (0.99) */
    public double momentum() {
        return momentum;
    }

    /** @return whether the momentum is Nesterov's (true) */
    public boolean nesterov() {
        return nesterov;
    }

    /** @return L2 weight decay (3e-5) */
    public double weightDecay() {
        return weightDecay;
    }

    /** @return the poly schedule's exponent (0.9) */
    public double polyExponent() {
        return polyExponent;
    }

    /** @return the global gradient norm is clipped to this (12) */
    public double gradientClipNorm() {
        return gradientClipNorm;
    }

    /** @return the run's seed; every random draw derives from it */
    public long seed() {
        return seed;
    }

    /** @return where outputs go */
    public Path outputDir() {
        return outputDir;
    }

    /** @return explicit deep-supervision weights, or null for {@link DeepSupervisionLoss#weights(int)} */
    public double[] deepSupervisionWeights() {
        return deepSupervisionWeights == null ? null : deepSupervisionWeights.clone();
    }

    /** @return Dice over the whole batch (nnU-Net: only with two-stage plans; false for UNETR++) */
    public boolean batchDice() {
        return batchDice;
    }

    /** @return fraction of each batch forced onto foreground (0.33) */
    public double foregroundOversampling() {
        return foregroundOversampling;
    }

    /** @return see {@link PatchSampler#PatchSampler(int[], double)} */
    public double foregroundJitter() {
        return foregroundJitter;
    }

    /** @return background loader threads */
    public int loaderThreads() {
        return loaderThreads;
    }

    /** @return batches made ahead of the network */
    public int prefetch() {
        return prefetch;
    }

    /** @return classes averaged by the online Dice, or null for every foreground class */
    public int[] evaluatedClasses() {
        return evaluatedClasses == null ? null : evaluatedClasses.clone();
    }

    /** @return the Dice moving average's α (0.9) */
    public double emaAlpha() {
        return emaAlpha;
    }

    /** @return the training augmentation (validation is never augmented) */
    public Augmentations augmentations() {
        return augmentations;
    }

    /**
     * @return libtorch intra-op threads while the trainer is open (restored on close; OpenBLAS is put on one thread,
     *     see {@link org.voxarch.runtime.NativeThreads}), or 0 to leave both alone
     */
    public int torchThreads() {
        return torchThreads;
    }

    /** @return whether to draw a progress bar on stderr */
    public boolean progressBar() {
        return progressBar;
    }

    /** @return the run identifier stored in every weights file's metadata as {@code run}, or null for none */
    public String runTag() {
        return runTag;
    }

    @Override
    public String toString() {
        return "TrainConfig[epochs " + epochs + " × " + iterationsPerEpoch + " iterations, validation "
                + validationBatches + " batches, batch " + batchSize + ", patch " + Arrays.toString(patch) + ", lr "
                + learningRate + ", momentum " + momentum + (nesterov ? " (Nesterov)" : "") + ", weight decay "
                + weightDecay + ", poly " + polyExponent + ", clip " + gradientClipNorm + ", seed " + seed
                + ", oversampling " + foregroundOversampling + ", loader threads " + loaderThreads + ", output "
                + outputDir + "]";
    }

    /** Collects settings; {@link #build()} checks them. */
    public static final class Builder {
        private int epochs = 1000;
        private int iterationsPerEpoch = 250;
        private int validationBatches = 50;
        private int batchSize = 2;
        private final int[] patch;
        private double learningRate = 0.01;
        private double momentum = 0.99;
        private boolean nesterov = true;
        private double weightDecay = 3e-5;
        private double polyExponent = 0.9;
        private double gradientClipNorm = 12;
        private long seed = 12345;
        private final Path outputDir;
        private double[] deepSupervisionWeights;
        private boolean batchDice;
        private double foregroundOversampling = 0.33;
        private double foregroundJitter = 0.125;
        private int loaderThreads = BatchLoader.defaultThreads();
        private int prefetch;
        private int[] evaluatedClasses;
        private double emaAlpha = 0.9;
        private Augmentations augmentations;
        private int torchThreads;
        private boolean progressBar = true;
        private String runTag;

        private Builder(int[] patch, Path outputDir) {
            this.patch = Objects.requireNonNull(patch, "patch").clone();
            this.outputDir = Objects.requireNonNull(outputDir, "outputDir");
        }

        /** @param v total epochs (1000) */
        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        /** @param v iterations per epoch (250) */
        public Builder iterationsPerEpoch(int v) {
            iterationsPerEpoch = v;
            return this;
        }

        /** @param v validation batches per epoch (50; 0 to skip validation) */
        public Builder validationBatches(int v) {
            validationBatches = v;
            return this;
        }

        /** @param v batch size (2) */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** @param v initial learning rate (0.01) */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** @param v SGD momentum (0.99) */
        public Builder momentum(double v) {
            momentum = v;
            return this;
        }

        /** @param v Nesterov momentum (true) */
        public Builder nesterov(boolean v) {
            nesterov = v;
            return this;
        }

        /** @param v weight decay (3e-5) */
        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /** @param v poly exponent (0.9) */
        public Builder polyExponent(double v) {
            polyExponent = v;
            return this;
        }

        /** @param v gradient norm limit (12) */
        public Builder gradientClipNorm(double v) {
            gradientClipNorm = v;
            return this;
        }

        /** @param v the run's seed (12345) */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** @param v explicit deep-supervision weights, one per head, or null for 1, ½, ¼, … normalised */
        public Builder deepSupervisionWeights(double[] v) {
            deepSupervisionWeights = v == null ? null : v.clone();
            return this;
        }

        /** @param v Dice over the whole batch (false) */
        public Builder batchDice(boolean v) {
            batchDice = v;
            return this;
        }

        /** @param v foreground oversampling (0.33) */
        public Builder foregroundOversampling(double v) {
            foregroundOversampling = v;
            return this;
        }

        /** @param v foreground jitter (0.125; 0 centres exactly as nnU-Net) */
        public Builder foregroundJitter(double v) {
            foregroundJitter = v;
            return this;
        }

        /** @param v loader threads (max(1, cores − 1)) */
        public Builder loaderThreads(int v) {
            loaderThreads = v;
            return this;
        }

        /** @param v batches made ahead (0: twice the loader threads) */
        public Builder prefetch(int v) {
            prefetch = v;
            return this;
        }

        /** @param v classes the online Dice averages, or null for all foreground classes */
        public Builder evaluatedClasses(int[] v) {
            evaluatedClasses = v == null ? null : v.clone();
            return this;
        }

        /** @param v EMA α (0.9) */
        public Builder emaAlpha(double v) {
            emaAlpha = v;
            return this;
        }

        /** @param v training augmentation (default: the reference's, dummy-2D by the patch's anisotropy) */
        public Builder augmentations(Augmentations v) {
            augmentations = v;
            return this;
        }

        /** @param v libtorch intra-op threads (0: leave alone) */
        public Builder torchThreads(int v) {
            torchThreads = v;
            return this;
        }

        /** @param v draw a progress bar on stderr (true) */
        /** Tags the weights files with the run they belong to, so a later use can tell them from another run's. */
        public Builder runTag(String tag) {
            runTag = tag;
            return this;
        }

        public Builder progressBar(boolean v) {
            progressBar = v;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming every setting that is out of range
         */
        public TrainConfig build() {
            StringBuilder problems = new StringBuilder();
            check(problems, patch.length == 3 && Arrays.stream(patch).allMatch(p -> p > 0),
                    "patch needs three positive sizes, got " + Arrays.toString(patch));
            check(problems, epochs > 0, "epochs must be positive, got " + epochs);
            check(problems, iterationsPerEpoch > 0, "iterations per epoch must be positive, got " + iterationsPerEpoch);
            check(problems, validationBatches >= 0, "validation batches must be ≥ 0, got " + validationBatches);
            check(problems, batchSize > 0, "batch size must be positive, got " + batchSize);
            check(problems, learningRate > 0, "learning rate must be positive, got " + learningRate);
            check(problems, momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
            check(problems, weightDecay >= 0, "weight decay must be ≥ 0, got " + weightDecay);
            check(problems, polyExponent > 0, "poly exponent must be positive, got " + polyExponent);
            check(problems, gradientClipNorm > 0, "gradient clip norm must be positive, got " + gradientClipNorm);
            check(problems, foregroundOversampling >= 0 && foregroundOversampling <= 1,
                    "foreground oversampling must be in [0, 1], got " + foregroundOversampling);
            check(problems, foregroundJitter >= 0 && foregroundJitter <= 0.25,
                    "foreground jitter must be in [0, 0.25], got " + foregroundJitter);
            check(problems, loaderThreads > 0, "loader threads must be positive, got " + loaderThreads);
            check(problems, prefetch >= 0, "prefetch must be ≥ 0, got " + prefetch);
            check(problems, emaAlpha >= 0 && emaAlpha < 1, "EMA alpha must be in [0, 1), got " + emaAlpha);
            check(problems, torchThreads >= 0, "torch threads must be ≥ 0, got " + torchThreads);
            check(problems, deepSupervisionWeights == null || Arrays.stream(deepSupervisionWeights).allMatch(w -> w >= 0),
                    "deep-supervision weights must be ≥ 0, got " + Arrays.toString(deepSupervisionWeights));
            if (problems.length() > 0) {
                throw new IllegalArgumentException("invalid training configuration:" + problems);
            }
            return new TrainConfig(this);
        }

        private static void check(StringBuilder problems, boolean ok, String message) {
            if (!ok) {
                problems.append("\n  ").append(message);
            }
        }
    }
}
