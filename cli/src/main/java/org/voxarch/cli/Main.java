package org.voxarch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code voxarch} command line. */
@Command(name = "voxarch", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {
            "3D segmentation networks written in the .arch language, compiled to Java on libtorch.",
            "",
            "Bundled networks (no --spec needed): unetrpp-synapse, unetrpp-btcv, unetrpp-acdc, unetrpp-brats,"
                    + " unetrpp-lung, unetrpp-tiny.",
            "Examples:",
            "  voxarch summary --model unetrpp-synapse",
            "  voxarch summary --model unetrpp-acdc --set patch=16,192,192 --keys",
            "  voxarch check my-net.arch",
            "  voxarch forward --model unetrpp-lung --weights w.safetensors --input x.safetensors -o y.safetensors",
            "  voxarch demo          (train, predict and evaluate on generated data in a few minutes)",
            "  voxarch bench-predict --model unetrpp-synapse --volume 160,512,512 --max-windows 10",
            "  voxarch dataset colin27 -o colin27 && voxarch bench-train --data colin27"},
        subcommands = {ListCommand.class, CheckCommand.class, SummaryCommand.class, GraphCommand.class,
            DiffCommand.class, GenerateCommand.class, WeightsCommand.class, ForwardCommand.class, BenchCommand.class,
            BenchPredictCommand.class, BenchTrainCommand.class, DatasetCommand.class, TrainCommand.class,
            PredictCommand.class, EvaluateCommand.class, ImportRunCommand.class, ExportCommand.class,
            OverlayCommand.class, DemoCommand.class, LaunchCommand.class, AblateCommand.class, ComplexityCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (0 ok, 1 user error, 2 usage, 3 internal). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line; help is 120 columns wide, as the commands' descriptions are written. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new Errors());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpWidth(120);
        // Everything after launch's own options is the workers' command, options included.
        cli.getSubcommands().get("launch").setStopAtPositional(true);
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The version from the jar's manifest (or "dev" when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"voxarch " + (v == null ? "dev" : v)};
        }
    }
}
