package org.voxarch.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CLI in a real child process (this test JVM's class path), for what only a separate process shows: a SIGKILL,
 * what is left in its temporary directory.
 */
final class CliProcess {
    private CliProcess() {
    }

    /** Starts {@code voxarch args...} with extra JVM options; output and errors are appended to {@code log}. */
    static Process start(Path log, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx2g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=8g",
                "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.voxarch.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** SIGKILL on Unix: no shutdown hooks, no finally blocks. */
    static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        p.waitFor();
    }
}
