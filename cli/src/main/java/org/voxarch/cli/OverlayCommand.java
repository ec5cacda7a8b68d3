package org.voxarch.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.voxarch.runtime.data.DatasetCheck;
import org.voxarch.runtime.data.MsdDataset;
import org.voxarch.runtime.data.Nifti;
import org.voxarch.runtime.data.Volume;
import org.voxarch.runtime.metrics.Overlay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Draws a label map over its image, for people who would rather look than read a table. */
@Command(name = "overlay", mixinStandardHelpOptions = true,
        description = {"Draw axial slices of an image with a segmentation (or a reference label map) in colour on",
            "top, as one PNG with a legend. Slices are spread over the labelled extent unless --slices picks them.",
            "Example: voxarch overlay --image data/imagesTs/case_0000.nii.gz --labels preds/case.nii.gz"
                    + " --data data -o case.png"})
final class OverlayCommand implements Callable<Integer> {
    @Option(names = "--image", required = true, paramLabel = "FILE",
            description = "The image (.nii or .nii.gz; of a 4-D file, the first volume is drawn).")
    Path image;

    @Option(names = "--labels", required = true, paramLabel = "FILE",
            description = "Labels on the same grid: a prediction or a reference.")
    Path labels;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The PNG to write.")
    Path output;

    @Option(names = "--count", defaultValue = "4", paramLabel = "N",
            description = "How many slices, spread evenly over the labelled extent (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--slices", split = ",", paramLabel = "Z,...", hideParamSyntax = true,
            description = "These axial slices (z indices, from 0) instead.")
    int[] slices;

    @Option(names = "--data", paramLabel = "DIR", description = "A dataset folder whose dataset.json names the labels.")
    Path data;

    @Override
    public Integer call() {
        if (count < 1) {
            throw new UserError("--count must be at least 1, got " + count);
        }
        InputGuard.requireDistinct(output, "-o", image, "--image");
        InputGuard.requireDistinct(output, "-o", labels, "--labels");
        String name = output.getFileName().toString();
        if (name.endsWith(".nii") || name.endsWith(".nii.gz")) {
            throw new UserError("-o " + output + " names a NIfTI file, but overlay writes a PNG; nothing was written");
        }
        Volume picture = Nifti.readVolumes(image, Nifti.NonFinite.REFUSE).get(0);
        Volume segmentation = Nifti.read(labels);
        // A fractional or negative value would be drawn with a colour of no label (or none at all).
        DatasetCheck.requireLabelValues(labels, segmentation);
        if (!picture.sameGrid(segmentation)) {
            throw new UserError(labels + ": grid " + segmentation + " differs from the image's (" + image + ": "
                    + picture + ")");
        }
        if (slices != null) {
            for (int z : slices) {
                if (z < 0 || z >= picture.depth()) {
                    throw new UserError("--slices " + z + " is outside the image's 0.." + (picture.depth() - 1));
                }
            }
        }
        Map<Integer, String> names = data == null ? Map.of() : MsdDataset.open(data).labels();
        if (slices != null) {
            Overlay.writePng(picture, segmentation, slices, names, output);
        } else {
            Overlay.writePng(picture, segmentation, count, names, output);
        }
        System.out.println("wrote " + output + (slices != null ? " (slices " + Arrays.toString(slices) + ")" : ""));
        return 0;
    }
}
