package org.voxarch.runtime.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a whole dataset before training touches anything: every case's channel count, that its images are 3-D and
 * that its label map shares their grid (from the headers first), that every file reads to its end (this reads every
 * voxel), and that every label value is one of the configuration's classes. A problem is a {@link DatasetException} or
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
        if (dataset.training().isEmpty()) {
            throw new DatasetException(dataset.directory().resolve(MsdDataset.DESCRIPTOR), "lists no training cases"
                    + " (\"training\" is empty); a network needs labelled cases to learn from");
        }
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
            }
            // Every voxel, read as preprocessing will read it: damage past the header (surplus or missing bytes in
            // a gzip stream, NaN values) must not surface halfway through preprocessing, into the run folder.
            LoadedCase loaded = dataset.read(c);
            if (c.labelled()) {
                requireClasses(c.label(), loaded.labels(), config.classNames(), declaredBy);
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
                throw new DatasetException(file, "label value " + format(l) + " at " + voxel(i, s)
                        + " is not one of the " + classes + " classes declared in " + declaredBy + " (" + declared
                        + ")");
            }
        }
    }

    /**
     * Checks a label map to be scored (a prediction or a reference): every value an integer label in 0..255.
     *
     * @throws DatasetException naming the file, the first other value and its voxel
     */
    public static void requireLabelValues(Path file, Volume labels) {
        float[] v = labels.data();
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0 && v[i] <= 255) || v[i] != Math.rint(v[i])) {
                throw new DatasetException(file, "label value " + format(v[i]) + " at " + voxel(i, labels.shape())
                        + " is not an integer label in 0..255");
            }
        }
    }

    /**
     * Checks that a volume lies on another's grid: the same shape, spacing and sform/qform.
     *
     * @param what           what {@code volume} is, for the message (e.g. {@code "prediction"})
     * @param referenceFile  where {@code reference} was read from
     * @throws DatasetException naming {@code file}, the field that differs and both values
     */
    public static void requireSameGrid(Path file, Volume volume, String what, Path referenceFile, Volume reference) {
        if (!volume.sameGrid(reference)) {
            throw new DatasetException(file, what + " grid " + describe(volume.shape()) + " differs from the grid "
                    + describe(reference.shape()) + " of " + referenceFile);
        }
        java.util.Optional<String> placed = WorldPlacement.difference(reference, volume);
        if (placed.isPresent()) {
            throw new DatasetException(file, what + " " + placed.get() + " of " + referenceFile);
        }
    }

    private static String voxel(int i, int[] s) {
        return "voxel x=" + i % s[2] + ", y=" + (i / s[2]) % s[1] + ", z=" + i / (s[1] * s[2]);
    }

    private static String format(float l) {
        return l == Math.rint(l) && Math.abs(l) < 1e9 ? Long.toString((long) l) : Float.toString(l);
    }

    private static String describe(int[] s) {
        return s[0] + "×" + s[1] + "×" + s[2] + " (z, y, x)";
    }
}
