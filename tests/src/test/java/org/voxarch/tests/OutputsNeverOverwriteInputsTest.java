package org.voxarch.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output that would replace one of the command's inputs is a user error, and nothing is written. */
class OutputsNeverOverwriteInputsTest {
    @TempDir
    Path dir;
    private Path image;
    private Path label;
    private Path run;

    @BeforeEach
    void dataset() throws IOException {
        CliRun made = CliRun.of("dataset", "synthetic", "-o", dir.toString(), "--cases", "3");
        assertEquals(0, made.exitCode(), made.err());
        image = first(dir.resolve("imagesTr"));
        label = first(dir.resolve("labelsTr"));
        // Any run folder will do: outputs are checked before the network is used.
        run = dir.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("run.json"), """
                {"model": "unetrpp-tiny", "spec": null, "settings": {"classes": "4"}, "dataset": "x",
                 "plan": "plan.json", "classNames": ["background", "a", "b", "c"], "regions": {}}
                """);
    }

    private static Path first(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().findFirst().orElseThrow();
        }
    }

    private static void assertRefused(CliRun run, String message) {
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains(message), "expected '" + message + "' in: " + run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
    }

    @Test
    void overlayOutputEqualToTheImageOrLabelsIsRefused() throws IOException {
        byte[] imageBytes = Files.readAllBytes(image);
        byte[] labelBytes = Files.readAllBytes(label);
        assertRefused(CliRun.of("overlay", "--image", image.toString(), "--labels", label.toString(), "-o",
                image.toString()), "error: -o " + image + " is the --image input; writing there would replace it."
                + " Choose another output; nothing was written");
        Path sameLabel = dir.resolve("labelsTr").resolve("..").resolve("labelsTr").resolve(label.getFileName());
        assertRefused(CliRun.of("overlay", "--image", image.toString(), "--labels", label.toString(), "-o",
                sameLabel.toString()), "error: -o " + sameLabel + " is the --labels input");
        assertRefused(CliRun.of("overlay", "--image", image.toString(), "--labels", label.toString(), "-o",
                dir.resolve("picture.nii.gz").toString()), "names a NIfTI file, but overlay writes a PNG");
        assertArrayEquals(imageBytes, Files.readAllBytes(image));
        assertArrayEquals(labelBytes, Files.readAllBytes(label));
        assertFalse(Files.exists(dir.resolve("picture.nii.gz")));
    }

    @Test
    void predictIntoTheDatasetsReferenceLabelsIsRefused() throws IOException {
        Path labelsTs = dir.resolve("labelsTs");
        Path reference = first(labelsTs);
        byte[] before = Files.readAllBytes(reference);
        assertRefused(CliRun.of("predict", "--run", run.toString(), "--input", dir.toString(), "-o",
                labelsTs.toString()), "error: -o " + labelsTs + " would overwrite " + reference + ", an input of case "
                + reference.getFileName().toString().replace(".nii.gz", "")
                + "; choose another output folder; nothing was written");
        assertArrayEquals(before, Files.readAllBytes(reference));
    }

    @Test
    void predictIntoTheInputFolderOverAnInputImageIsRefused() throws IOException {
        Path folder = dir.resolve("scans");
        Files.createDirectories(folder);
        Path scan = folder.resolve("patient.nii.gz");
        Files.copy(image, scan);
        byte[] before = Files.readAllBytes(scan);
        assertRefused(CliRun.of("predict", "--run", run.toString(), "--input", folder.toString(), "-o",
                folder.toString()), "error: -o " + folder + " would overwrite " + scan + ", an input of case patient");
        assertArrayEquals(before, Files.readAllBytes(scan));
    }

    @Test
    void evaluatingAFolderAgainstItselfIsRefused() throws IOException {
        Path labelsTr = dir.resolve("labelsTr");
        assertRefused(CliRun.of("evaluate", "--pred", labelsTr.toString(), "--truth", labelsTr.toString()),
                "error: --pred " + labelsTr + " and --truth " + labelsTr + " are the same folder: the predictions would"
                        + " be scored against themselves (Dice 1); nothing was written");
        assertRefused(CliRun.of("evaluate", "--pred", labelsTr.toString(), "--truth", dir.toString()),
                "error: --pred " + label + " is its own reference (" + label + "): the predictions are the reference"
                        + " labels, which would score Dice 1; nothing was written");
        assertFalse(Files.exists(labelsTr.resolve("evaluation.csv")));
        assertFalse(Files.exists(labelsTr.resolve("summary.txt")));
    }
}
