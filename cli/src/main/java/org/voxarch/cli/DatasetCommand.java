package org.voxarch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.voxarch.runtime.data.Colin27Dataset;
import org.voxarch.runtime.data.MsdDataset;
import org.voxarch.runtime.data.SyntheticDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Builds ready-to-train datasets in the MSD layout. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Build a dataset in the Medical Segmentation Decathlon layout.",
        subcommands = {DatasetCommand.Colin27.class, DatasetCommand.Synthetic.class})
final class DatasetCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static void describe(MsdDataset d) {
        System.out.printf("wrote %s: %d training and %d test cases, labels %s%n", d.directory(), d.training().size(),
                d.test().size(), d.labels());
    }

    @Command(name = "colin27", mixinStandardHelpOptions = true,
            description = {"A real T1 MRI with its atlas, from Debian's mricron-data (apt-get install",
                "mricron-data): Colin27 (ch2, 1 mm) with the 116 AAL regions grouped into 4",
                "classes: 1 cerebral cortex, 2 deep grey nuclei (caudate, putamen, pallidum,",
                "thalamus), 3 medial temporal lobe (hippocampus, parahippocampal gyrus,",
                "amygdala), 4 cerebellum. One brain, so cases are halves: 6 training cases",
                "from the left hemisphere (mirrored across the midline, 3 widths x 2 crops),",
                "2 test cases from the right one, never seen in training (mirrored, and as is)."})
    static final class Colin27 implements Callable<Integer> {
        @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
                description = "Where to write the dataset.")
        Path output;

        @Option(names = "--mricron", paramLabel = "DIR", defaultValue = "/usr/share/mricron/templates",
                description = "Where ch2.nii.gz and aal.nii.gz are (default: ${DEFAULT-VALUE}).")
        Path mricron;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(mricron.resolve("ch2.nii.gz"))) {
                throw new UserError(mricron.resolve("ch2.nii.gz") + " not found: install Debian's mricron-data"
                        + " (apt-get install mricron-data) or pass --mricron DIR");
            }
            describe(Colin27Dataset.build(mricron, output));
            return 0;
        }
    }

    @Command(name = "synthetic", mixinStandardHelpOptions = true,
            description = "Synthetic volumes with several textured 'organs', noise and intensity drift.")
    static final class Synthetic implements Callable<Integer> {
        @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
                description = "Where to write the dataset.")
        Path output;

        @Option(names = "--cases", defaultValue = "10", description = "Training cases (default: ${DEFAULT-VALUE}).")
        int cases;

        @Option(names = "--seed", defaultValue = "7", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() {
            describe(SyntheticDataset.write(output, seed, cases));
            return 0;
        }
    }
}
