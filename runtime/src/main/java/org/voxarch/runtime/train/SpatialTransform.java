package org.voxarch.runtime.train;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import org.voxarch.runtime.data.Resampling;

/**
 * Random rotation and scaling (nnU-Net's {@code SpatialTransform} with elastic deformation off), combined with the
 * crop: every output voxel is read from the case at its rotated and scaled position around the patch centre, images
 * by {@link #imageInterpolation} with 0 outside the case, labels by the nearest voxel with 0 (background) outside.
 * Without a drawn rotation or scaling the patch is a plain crop. (batchgenerators resamples labels with order 1: each
 * class mask interpolated linearly and thresholded at ½; the nearest voxel is the common stand-in and keeps labels
 * integral by construction.)
 *
 * <p>Scaling multiplies the sampling coordinates (as batchgenerators): a factor above 1 covers a larger region, so
 * structures look smaller. In dummy-2D mode ({@link #inPlaneOnly}) the rotation is about axis 0 only and the scaling
 * acts on y and x only, so every output slice comes from one input slice.
 *
 * @param rotationProbability per sample (0.2)
 * @param maxAngle            angles are uniform in ±maxAngle radians, per axis (π/6; π in dummy-2D mode)
 * @param scaleProbability    per sample (0.2)
 * @param scaleMin            smallest factor (0.7)
 * @param scaleMax            largest factor (1.4)
 * @param inPlaneOnly         dummy-2D mode for anisotropic patches
 * @param imageInterpolation  for the images (labels always use the nearest voxel)
 */
public record SpatialTransform(double rotationProbability, double maxAngle, double scaleProbability, double scaleMin,
        double scaleMax, boolean inPlaneOnly, Resampling.Order imageInterpolation) {

    /** nnU-Net v1's 3-D settings (with UNETR++'s scale range); dummy-2D widens the in-plane angle to ±180°. */
    public static SpatialTransform reference(boolean dummy2D) {
        return new SpatialTransform(0.2, dummy2D ? Math.PI : Math.toRadians(30), 0.2, 0.7, 1.4, dummy2D,
                Resampling.Order.CUBIC);
    }

    /** Crops only. */
    public static SpatialTransform none() {
        return new SpatialTransform(0, 0, 0, 1, 1, false, Resampling.Order.CUBIC);
    }

    /**
     * Draws this sample's rotation and scaling and produces the patch.
     *
     * @param images channels of the case
     * @param labels its label map
     * @param shape  its (z, y, x) shape
     * @param origin the first voxel of the (unrotated) patch in case coordinates
     * @param size   patch size (z, y, x)
     */
    public Patch apply(float[][] images, byte[] labels, int[] shape, int[] origin, int[] size, RandomGenerator rng) {
        double[] angles = new double[3];
        boolean rotate = rng.nextDouble() < rotationProbability;
        if (rotate) {
            if (inPlaneOnly) {
                angles[0] = Ranges.uniform(-maxAngle, maxAngle, rng);
            } else {
                for (int a = 0; a < 3; a++) {
                    angles[a] = Ranges.uniform(-maxAngle, maxAngle, rng);
                }
            }
        }
        boolean scale = rng.nextDouble() < scaleProbability;
        double factor = scale ? Ranges.factorAroundOne(scaleMin, scaleMax, rng) : 1.0;
        if (!rotate && !scale) {
            return Patch.crop(images, labels, shape, origin, size);
        }
        double[] centre = new double[3];
        for (int a = 0; a < 3; a++) {
            centre[a] = origin[a] + (size[a] - 1) / 2.0;
        }
        return resample(images, labels, shape, centre, size, matrix(angles, factor), imageInterpolation);
    }

    /**
     * The linear map from output offsets to input offsets (row-major 3×3 over (z, y, x)): rotations about z, then
     * y, then x, times the scale factor (on y and x only in dummy-2D mode).
     */
    double[] matrix(double[] angles, double factor) {
        double[] rz = rotation(angles[0], 1, 2);
        double[] ry = rotation(angles[1], 0, 2);
        double[] rx = rotation(angles[2], 0, 1);
        double[] m = multiply(multiply(rz, ry), rx);
        for (int row = 0; row < 3; row++) {
            for (int col = inPlaneOnly ? 1 : 0; col < 3; col++) {
                m[row * 3 + col] *= factor;
            }
        }
        return m;
    }

    /**
     * Samples a patch of {@code size} whose voxel offsets d (from the patch centre) are read at
     * {@code centre + matrix·d} in the source.
     */
    static Patch resample(float[][] images, byte[] labels, int[] shape, double[] centre, int[] size,
                          double[] matrix, Resampling.Order mode) {
        int voxels = size[0] * size[1] * size[2];
        float[][] out = new float[images.length][voxels];
        byte[] outLabels = new byte[voxels];
        int taps = mode.taps();
        double[] wz = new double[taps];
        double[] wy = new double[taps];
        double[] wx = new double[taps];
        int[] iz = new int[taps];
        int[] iy = new int[taps];
        int[] ix = new int[taps];
        double[] sums = new double[images.length];
        int i = 0;
        for (int z = 0; z < size[0]; z++) {
            double dz = z - (size[0] - 1) / 2.0;
            for (int y = 0; y < size[1]; y++) {
                double dy = y - (size[1] - 1) / 2.0;
                for (int x = 0; x < size[2]; x++, i++) {
                    double dx = x - (size[2] - 1) / 2.0;
                    double pz = centre[0] + matrix[0] * dz + matrix[1] * dy + matrix[2] * dx;
                    double py = centre[1] + matrix[3] * dz + matrix[4] * dy + matrix[5] * dx;
                    double px = centre[2] + matrix[6] * dz + matrix[7] * dy + matrix[8] * dx;
                    outLabels[i] = nearestLabel(labels, shape, pz, py, px);
                    // Taps outside the case get weight 0 (and a harmless index), so the sum sees zeros there.
                    taps(mode, pz, shape[0], iz, wz);
                    taps(mode, py, shape[1], iy, wy);
                    taps(mode, px, shape[2], ix, wx);
                    Arrays.fill(sums, 0.0);
                    for (int a = 0; a < taps; a++) {
                        if (wz[a] == 0) {
                            continue;
                        }
                        for (int b = 0; b < taps; b++) {
                            double wzy = wz[a] * wy[b];
                            if (wzy == 0) {
                                continue;
                            }
                            int row = (iz[a] * shape[1] + iy[b]) * shape[2];
                            for (int c = 0; c < taps; c++) {
                                double w = wzy * wx[c];
                                if (w != 0) {
                                    for (int ch = 0; ch < images.length; ch++) {
                                        sums[ch] += w * images[ch][row + ix[c]];
                                    }
                                }
                            }
                        }
                    }
                    for (int ch = 0; ch < images.length; ch++) {
                        out[ch][i] = (float) sums[ch];
                    }
                }
            }
        }
        return new Patch(out, outLabels, size);
    }

    private static void taps(Resampling.Order mode, double p, int n, int[] index, double[] weight) {
        int first = mode.first(p);
        mode.weights(p, weight);
        for (int t = 0; t < index.length; t++) {
            int k = first + t;
            if (k < 0 || k >= n) {
                weight[t] = 0;
                index[t] = 0;
            } else {
                index[t] = k;
            }
        }
    }

    private static byte nearestLabel(byte[] labels, int[] shape, double pz, double py, double px) {
        int z = (int) Math.floor(pz + 0.5);
        int y = (int) Math.floor(py + 0.5);
        int x = (int) Math.floor(px + 0.5);
        if (z < 0 || y < 0 || x < 0 || z >= shape[0] || y >= shape[1] || x >= shape[2]) {
            return 0;
        }
        return labels[(z * shape[1] + y) * shape[2] + x];
    }

    /** Rotation by {@code angle} in the plane of axes {@code a} and {@code b}. */
    private static double[] rotation(double angle, int a, int b) {
        double[] r = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        r[a * 3 + a] = c;
        r[a * 3 + b] = -s;
        r[b * 3 + a] = s;
        r[b * 3 + b] = c;
        return r;
    }

    private static double[] multiply(double[] p, double[] q) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    r[i * 3 + j] += p[i * 3 + k] * q[k * 3 + j];
                }
            }
        }
        return r;
    }
}
