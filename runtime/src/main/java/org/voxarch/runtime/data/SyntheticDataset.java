package org.voxarch.runtime.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small, deterministic, Decathlon-style dataset for demonstrations and tests: each case is a body (an ellipsoid,
 * exactly 0 outside so that cropping has something to do) holding several "organs" — randomly placed and rotated
 * ellipsoids, each with its own mean intensity and a sinusoidal texture — plus Gaussian noise and a smooth
 * multiplicative intensity drift. Labels are 0 (background and body) and 1..K (the organs; a later organ
 * overwrites an earlier one where they overlap). The same seed gives the same files.
 */
public final class SyntheticDataset {
    /** Mean intensity of the body and of organs 1, 2, ... (cycled): distinct, on both sides of the body's. */
    private static final double BODY_MEAN = 100;
    private static final double[] ORGAN_MEANS = {170, 55, 230, 20, 135, 200, 80};
    private static final double NOISE_SIGMA = 8;
    private static final double DRIFT_AMPLITUDE = 0.15;
    private static final double TEXTURE_AMPLITUDE = 12;
    private static final long CASE_SEED_STRIDE = 0x9E3779B97F4A7C15L;

    private SyntheticDataset() {
    }

    /**
     * What to generate.
     *
     * @param shape     (z, y, x) of every case
     * @param spacing   (z, y, x) voxel size in mm
     * @param organs    foreground classes K
     * @param testCases cases in the test list (labelled, for evaluation)
     */
    public record Spec(int[] shape, double[] spacing, int organs, int testCases) {

        public Spec {
            shape = shape.clone();
            spacing = spacing.clone();
            if (organs < 1 || organs > 20 || testCases < 0) {
                throw new IllegalArgumentException("organs must be 1..20 and testCases ≥ 0");
            }
        }

        /** 48×64×64 voxels of 1.5×1×1 mm, 3 organs, 2 test cases. */
        public static Spec defaults() {
            return new Spec(new int[] {48, 64, 64}, new double[] {1.5, 1, 1}, 3, 2);
        }
    }

    /** Writes {@code trainingCases} training cases and the default spec's test cases. */
    public static MsdDataset write(Path dir, long seed, int trainingCases) {
        return write(dir, seed, trainingCases, Spec.defaults());
    }

    /**
     * Writes the dataset under {@code dir} (created if needed) and opens it.
     *
     * @return the written dataset
     */
    public static MsdDataset write(Path dir, long seed, int trainingCases, Spec spec) {
        MsdWriter writer = new MsdWriter(dir);
        List<String> training = new ArrayList<>();
        List<String> test = new ArrayList<>();
        int total = trainingCases + spec.testCases();
        for (int i = 0; i < total; i++) {
            boolean isTraining = i < trainingCases;
            String id = String.format("synth_%03d", i);
            Volume[] pair = generate(seed + CASE_SEED_STRIDE * (i + 1), spec);
            writer.writeCase(id, isTraining, List.of(pair[0]), NiftiDatatype.FLOAT32, pair[1]);
            (isTraining ? training : test).add(id);
        }
        Map<Integer, String> labels = new LinkedHashMap<>();
        labels.put(0, "background");
        for (int k = 1; k <= spec.organs(); k++) {
            labels.put(k, "organ" + k);
        }
        writer.writeDescriptor("Synthetic", "ellipsoid organs in an ellipsoid body, seed " + seed, List.of("MRI"),
                labels, training, test);
        return MsdDataset.open(dir);
    }

    /** @return {image, labels} of one case */
    static Volume[] generate(long seed, Spec spec) {
        Random rng = new Random(seed);
        int[] s = spec.shape();
        double[] sp = spec.spacing();
        // Work in millimetres so that shapes stay round on anisotropic grids.
        double[] extent = {s[0] * sp[0], s[1] * sp[1], s[2] * sp[2]};
        Ellipsoid body = new Ellipsoid(jitter(rng, half(extent), 0.04, extent),
                new double[] {extent[0] * uniform(rng, 0.40, 0.46), extent[1] * uniform(rng, 0.38, 0.46),
                    extent[2] * uniform(rng, 0.38, 0.46)}, randomRotation(rng, 0.3));
        List<Ellipsoid> organs = new ArrayList<>();
        double[][] texture = new double[spec.organs()][];
        for (int k = 0; k < spec.organs(); k++) {
            double[] centre = new double[3];
            for (int a = 0; a < 3; a++) {
                centre[a] = body.centre[a] + body.radii[a] * uniform(rng, -0.45, 0.45);
            }
            double[] radii = {body.radii[0] * uniform(rng, 0.3, 0.45), body.radii[1] * uniform(rng, 0.25, 0.42),
                body.radii[2] * uniform(rng, 0.25, 0.42)};
            organs.add(new Ellipsoid(centre, radii, randomRotation(rng, Math.PI)));
            texture[k] = new double[] {uniform(rng, 0.3, 1.2), uniform(rng, 0.3, 1.2), uniform(rng, 0.3, 1.2),
                uniform(rng, 0, 2 * Math.PI)};
        }
        double[][] drift = new double[3][];
        for (int a = 0; a < 3; a++) {
            drift[a] = new double[] {uniform(rng, 0.5, 1.5) * Math.PI / extent[a], uniform(rng, 0, 2 * Math.PI)};
        }
        int n = s[0] * s[1] * s[2];
        float[] image = new float[n];
        float[] labels = new float[n];
        double[] p = new double[3];
        for (int z = 0, i = 0; z < s[0]; z++) {
            for (int y = 0; y < s[1]; y++) {
                for (int x = 0; x < s[2]; x++, i++) {
                    p[0] = (z + 0.5) * sp[0];
                    p[1] = (y + 0.5) * sp[1];
                    p[2] = (x + 0.5) * sp[2];
                    if (!body.contains(p)) {
                        continue; // exactly 0 outside the body
                    }
                    double value = BODY_MEAN;
                    int label = 0;
                    for (int k = 0; k < organs.size(); k++) {
                        if (organs.get(k).contains(p)) {
                            double[] t = texture[k];
                            value = ORGAN_MEANS[k % ORGAN_MEANS.length]
                                    + TEXTURE_AMPLITUDE * Math.sin(t[0] * p[0] + t[1] * p[1] + t[2] * p[2] + t[3]);
                            label = k + 1;
                        }
                    }
                    double field = 1 + DRIFT_AMPLITUDE / 3 * (Math.cos(drift[0][0] * p[0] + drift[0][1])
                            + Math.cos(drift[1][0] * p[1] + drift[1][1]) + Math.cos(drift[2][0] * p[2] + drift[2][1]));
                    double noisy = value * field + NOISE_SIGMA * rng.nextGaussian();
                    image[i] = (float) Math.max(noisy, 1.0); // stays non-zero inside the body
                    labels[i] = label;
                }
            }
        }
        Volume img = new Volume(image, s, sp, null);
        return new Volume[] {img, img.withData(labels)};
    }

    private static double uniform(Random rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    private static double[] half(double[] v) {
        return new double[] {v[0] / 2, v[1] / 2, v[2] / 2};
    }

    private static double[] jitter(Random rng, double[] centre, double fraction, double[] extent) {
        double[] out = new double[3];
        for (int a = 0; a < 3; a++) {
            out[a] = centre[a] + extent[a] * uniform(rng, -fraction, fraction);
        }
        return out;
    }

    /** A rotation by up to {@code maxAngle} about a random axis (Rodrigues), row-major 3×3. */
    private static double[] randomRotation(Random rng, double maxAngle) {
        double[] axis = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
        double norm = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
        double ux = axis[0] / norm;
        double uy = axis[1] / norm;
        double uz = axis[2] / norm;
        double angle = uniform(rng, -maxAngle, maxAngle);
        double c = Math.cos(angle);
        double si = Math.sin(angle);
        double t = 1 - c;
        return new double[] {
            c + ux * ux * t, ux * uy * t - uz * si, ux * uz * t + uy * si,
            uy * ux * t + uz * si, c + uy * uy * t, uy * uz * t - ux * si,
            uz * ux * t - uy * si, uz * uy * t + ux * si, c + uz * uz * t,
        };
    }

    /** A rotated ellipsoid in millimetre coordinates. */
    private record Ellipsoid(double[] centre, double[] radii, double[] rotation) {

        boolean contains(double[] p) {
            double dz = p[0] - centre[0];
            double dy = p[1] - centre[1];
            double dx = p[2] - centre[2];
            double sum = 0;
            for (int r = 0; r < 3; r++) {
                double local = rotation[3 * r] * dz + rotation[3 * r + 1] * dy + rotation[3 * r + 2] * dx;
                sum += local * local / (radii[r] * radii[r]);
            }
            return sum <= 1;
        }
    }
}
