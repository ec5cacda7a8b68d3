package org.voxarch.runtime.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real, if small, MRI segmentation dataset from Debian's {@code mricron-data}: the Colin27 T1 template
 * ({@code ch2.nii.gz}, 181×217×181 voxels of 1 mm, uint8) and the AAL atlas drawn on the same grid
 * ({@code aal.nii.gz}, 116 regions), with the atlas grouped into coarse classes.
 *
 * <p><b>Classes</b> (no left/right distinction, so that both hemispheres hold every class):
 * <ol start="0">
 *   <li>background (everything AAL leaves unlabelled, including white matter);</li>
 *   <li>cerebral cortex: AAL 1–36, 43–70 and 79–90 (frontal, insula, cingulate, occipital, parietal, temporal);</li>
 *   <li>deep grey nuclei: AAL 71–78 (caudate, putamen, pallidum, thalamus);</li>
 *   <li>medial temporal lobe: AAL 37–42 (hippocampus, parahippocampal gyrus, amygdala);</li>
 *   <li>cerebellum: AAL 91–116 (hemispheres 91–108 and vermis 109–116).</li>
 * </ol>
 *
 * <p><b>Cases and the held-out split.</b> There is one brain, so cases are made from its halves. Voxel column
 * x = 90 is the mid-sagittal plane (world x = 0); x &lt; 90 is the left hemisphere (the atlas's medial surfaces
 * meet at columns 90–92, so the first right-hand columns still hold some left medial cortex). A <i>mirrored</i>
 * case joins a hemisphere to its own mirror image across the midline, giving a whole, symmetric head.
 * <ul>
 *   <li>Training (6 cases): the left hemisphere only — columns {@code [0, m)} for m ∈ {86, 88, 90}, each mirrored —
 *       each in two crops along z and y ({@code z ∈ [2, 162) or [8, 168)}, {@code y ∈ [8, 200) or [16, 208)}).</li>
 *   <li>Test (2 cases): the right hemisphere only, columns {@code [91, 181)}, never seen in training:
 *       {@code colin_right_mirrored} (mirrored like the training cases, z [5, 165), y [12, 204)) and
 *       {@code colin_right_half} (the unmodified right half, same z and y range).</li>
 * </ul>
 * Results measure how well a network learns this one subject's anatomy from one hemisphere and transfers it to the
 * other, not generalisation across subjects.
 */
public final class Colin27Dataset {
    /** Class names by label value. */
    public static final List<String> CLASSES = List.of("background", "cerebral cortex", "deep grey nuclei",
            "medial temporal lobe", "cerebellum");
    /** The AAL atlas's number of regions. */
    public static final int AAL_REGIONS = 116;
    private static final int MIDLINE = 90;
    private static final int[] LEFT_WIDTHS = {86, 88, 90};
    private static final int[][] TRAIN_CROPS = {{2, 8}, {8, 16}}; // (z start, y start)
    private static final int CROP_DEPTH = 160;
    private static final int CROP_HEIGHT = 192;
    private static final int[] TEST_CROP = {5, 12};
    /** The template's grid (z, y, x). */
    private static final int[] GRID = {181, 217, 181};

    private Colin27Dataset() {
    }

    /** @return the coarse class (0..4) of an AAL region value (0..116) */
    public static int classOf(int aal) {
        if (aal <= 0) {
            return 0;
        }
        if (aal >= 91) {
            return 4;
        }
        if (aal >= 71 && aal <= 78) {
            return 2;
        }
        if (aal >= 37 && aal <= 42) {
            return 3;
        }
        return 1;
    }

    /**
     * Builds the dataset.
     *
     * @param mricronDataDir the directory holding {@code ch2.nii.gz} and {@code aal.nii.gz}
     *                       ({@code /usr/share/mricron/templates} on Debian)
     * @param outDir         where the dataset is written (Decathlon layout)
     * @return the written dataset
     * @throws DatasetException if the files are missing or not on one grid
     */
    public static MsdDataset build(Path mricronDataDir, Path outDir) {
        Path t1File = mricronDataDir.resolve("ch2.nii.gz");
        Path aalFile = mricronDataDir.resolve("aal.nii.gz");
        for (Path p : List.of(t1File, aalFile)) {
            if (!Files.isRegularFile(p)) {
                throw new DatasetException(p, "not found (install Debian's mricron-data: apt-get install mricron-data)");
            }
        }
        Volume t1 = Nifti.read(t1File);
        requireColinGrid(t1File, t1);
        Volume aal = Nifti.read(aalFile);
        if (!t1.sameGrid(aal)) {
            throw new DatasetException(aalFile, "grid " + aal + " differs from ch2's " + t1);
        }
        requireRegions(aalFile, aal);
        Volume classes = aal.withData(group(aal.data()));
        MsdWriter writer = new MsdWriter(outDir);
        List<String> training = new ArrayList<>();
        for (int width : LEFT_WIDTHS) {
            for (int[] crop : TRAIN_CROPS) {
                String id = "colin_left" + width + "_z" + crop[0] + "_y" + crop[1];
                int[] start = {crop[0], crop[1], 0};
                writer.writeCase(id, true, List.of(mirrored(t1, start, 0, width, true)), NiftiDatatype.UINT8,
                        mirrored(classes, start, 0, width, true));
                training.add(id);
            }
        }
        int rightStart = MIDLINE + 1;
        int rightWidth = t1.width() - rightStart;
        int[] start = {TEST_CROP[0], TEST_CROP[1], rightStart};
        writer.writeCase("colin_right_mirrored", false, List.of(mirrored(t1, start, rightStart, rightWidth, false)),
                NiftiDatatype.UINT8, mirrored(classes, start, rightStart, rightWidth, false));
        writer.writeCase("colin_right_half", false, List.of(crop(t1, start, rightWidth)), NiftiDatatype.UINT8,
                crop(classes, start, rightWidth));
        Map<Integer, String> labels = new LinkedHashMap<>();
        for (int c = 0; c < CLASSES.size(); c++) {
            labels.put(c, CLASSES.get(c));
        }
        writer.writeDescriptor("Colin27-AAL", "Colin27 T1 (ch2) with the AAL atlas grouped into " + (CLASSES.size() - 1)
                + " classes; train on the left hemisphere, test on the right", List.of("MRI"), labels, training,
                List.of("colin_right_mirrored", "colin_right_half"));
        return MsdDataset.open(outDir);
    }

    /** The crops and the midline are fixed voxel positions of mricron-data's 181×217×181 template. */
    private static void requireColinGrid(Path file, Volume t1) {
        if (!java.util.Arrays.equals(t1.shape(), GRID)) {
            int[] s = t1.shape();
            throw new DatasetException(file, "grid " + s[0] + "×" + s[1] + "×" + s[2] + " (z, y, x) is not the"
                    + " Colin27 template's " + GRID[0] + "×" + GRID[1] + "×" + GRID[2] + "; the cases are cut at"
                    + " fixed voxel positions of mricron-data's ch2.nii.gz");
        }
    }

    /** Every atlas value must be a region number: another value would be grouped into a class by accident. */
    private static void requireRegions(Path file, Volume aal) {
        float[] v = aal.data();
        int[] s = aal.shape();
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0 && v[i] <= AAL_REGIONS) || v[i] != Math.rint(v[i])) {
                throw new DatasetException(file, "value " + v[i] + " at voxel x=" + i % s[2] + ", y="
                        + (i / s[2]) % s[1] + ", z=" + i / (s[1] * s[2]) + " is not an AAL region (0.." + AAL_REGIONS
                        + ")");
            }
        }
    }

    private static float[] group(float[] aal) {
        float[] out = new float[aal.length];
        for (int i = 0; i < aal.length; i++) {
            out[i] = classOf((int) aal[i]);
        }
        return out;
    }

    /** The box at {@code start} (its x start ignored) of {@code CROP_DEPTH × CROP_HEIGHT × width} columns from x0. */
    private static Volume crop(Volume v, int[] start, int width) {
        CropBox box = new CropBox(start, new int[] {CROP_DEPTH, CROP_HEIGHT, width});
        return new Volume(box.crop(v.data(), v.shape()), box.shape(), v.spacing(), v.geometry().shifted(start));
    }

    /**
     * A hemisphere joined with its mirror image: columns {@code [x0, x0 + width)} of the z/y crop, placed on the side
     * they come from ({@code hemisphereFirst} for the left), the mirror on the other side.
     */
    private static Volume mirrored(Volume v, int[] start, int x0, int width, boolean hemisphereFirst) {
        int[] s = v.shape();
        int[] out = {CROP_DEPTH, CROP_HEIGHT, 2 * width};
        float[] data = new float[out[0] * out[1] * out[2]];
        float[] src = v.data();
        for (int z = 0; z < out[0]; z++) {
            for (int y = 0; y < out[1]; y++) {
                int srcRow = ((start[0] + z) * s[1] + start[1] + y) * s[2] + x0;
                int dstRow = (z * out[1] + y) * out[2];
                for (int x = 0; x < width; x++) {
                    float value = src[srcRow + x];
                    int own = hemisphereFirst ? x : width + x;
                    int mirror = hemisphereFirst ? 2 * width - 1 - x : width - 1 - x;
                    data[dstRow + own] = value;
                    data[dstRow + mirror] = value;
                }
            }
        }
        // The joined head is centred where the original one is: shift the origin to the crop's corner.
        int xStart = hemisphereFirst ? MIDLINE - width : x0 - width;
        return new Volume(data, out, v.spacing(), v.geometry().shifted(new int[] {start[0], start[1], xStart}));
    }
}
