package org.voxarch.runtime.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a whole dataset before training touches anything: every case's channel count, that its images are 3-D and
 * that its label map shares their grid (from the headers alone), and that every label value is one of the
 * configuration's classes (this reads the label maps). A problem is a {@link DatasetException} or
 * {@link NiftiException} naming the file, so a bad dataset never gets as far as the loss function.
 */
public final class DatasetCheck {
    private DatasetCheck() {
    }

    /**
     * @param declaredBy where the classes come from, for the message (e.g. {@code "dataset.json"})
     * @param progress   reports cases checked
     */
    public static void requireTrainable(MsdDataset dataset, DatasetConfig config, String declaredBy,
            Progress progress) {
        dataset.requireChannels(config.channels(), config.network());
        List<DatasetCase> all = new ArrayList<>(dataset.training());
        all.addAll(dataset.test());
        for (int i = 0; i < all.size(); i++) {
            DatasetCase c = all.get(i);
            int[] shape = requireImages(dataset, c);
            if (c.labelled()) {
                NiftiHeader label = Nifti.readHeader(c.label());
                require3d(c.label(), label.shape());
                if (!Arrays.equals(label.shape(), shape)) {
                    throw new DatasetException(c.label(), "case " + c.id() + ": label grid "
                            + describe(label.shape()) + " differs from image grid " + describe(shape) + " ("
                            + c.images().get(0).getFileName() + ")");
                }
                requireClasses(c.label(), Nifti.read(c.label()), config.classNames(), declaredBy);
            }
            progress.update(i + 1, all.size());
        }
    }

    /** Checks a case's image headers: channel count, 3-D, one grid; returns the grid (z, y, x). */
    private static int[] requireImages(MsdDataset dataset, DatasetCase c) {
        int[] shape = null;
        int channels = 0;
        for (Path p : c.images()) {
            NiftiHeader h = Nifti.readHeader(p);
            require3d(p, h.shape());
            if (c.images().size() > 1 && h.volumes() != 1) {
                throw new DatasetException(p, "case " + c.id() + ": holds " + h.volumes() + " volumes; a split-"
                        + "modality file holds one channel");
            }
            if (shape != null && !Arrays.equals(shape, h.shape())) {
                throw new DatasetException(p, "case " + c.id() + ": channel grid " + describe(h.shape())
                        + " differs from channel 0 grid " + describe(shape));
            }
            shape = h.shape();
            channels += h.volumes();
        }
        if (channels != dataset.channels()) {
            throw new DatasetException(c.images().get(0), "case " + c.id() + " has " + channels + " image channel"
                    + (channels == 1 ? "" : "s") + " but dataset.json declares " + dataset.channels()
                    + " modalities " + dataset.modalities());
        }
        return shape;
    }

    /**
     * Refuses a 2-D image (a single voxel along a spatial axis): the networks segment volumes, and a slice would be
     * padded to a patch of mostly nothing without a word.
     */
    public static void require3d(Path file, int[] shape) {
        for (int n : shape) {
            if (n < 2) {
                throw new DatasetException(file, "is a 2-D image (grid " + describe(shape) + "); voxarch segments"
                        + " 3-D volumes, with at least 2 voxels along each axis");
            }
        }
    }

    /**
     * @throws DatasetException naming the file, the first value found outside {@code 0..classNames.size()-1} (and
     *     where), and the classes declared
     */
    public static void requireClasses(Path file, Volume labels, List<String> classNames, String declaredBy) {
        float[] v = labels.data();
        int classes = classNames.size();
        for (int i = 0; i < v.length; i++) {
            float l = v[i];
            if (!(l >= 0 && l < classes) || l != Math.rint(l)) {
                int[] s = labels.shape();
                StringBuilder declared = new StringBuilder();
                for (int c = 0; c < classes; c++) {
                    declared.append(c == 0 ? "" : ", ").append(c).append(' ').append(classNames.get(c));
                }
                throw new DatasetException(file, "label value " + format(l) + " at voxel x=" + i % s[2] + ", y="
                        + (i / s[2]) % s[1] + ", z=" + i / (s[1] * s[2]) + " is not one of the " + classes
                        + " classes declared in " + declaredBy + " (" + declared + ")");
            }
        }
    }

    private static String format(float l) {
        return l == Math.rint(l) && Math.abs(l) < 1e9 ? Long.toString((long) l) : Float.toString(l);
    }

    private static String describe(int[] s) {
        return s[0] + "×" + s[1] + "×" + s[2] + " (z, y, x)";
    }
}
