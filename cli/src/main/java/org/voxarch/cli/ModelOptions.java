package org.voxarch.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options that pick a network: a bundled name or one from a spec file, and parameter overrides. */
final class ModelOptions {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "NAME",
            description = "Network or variant name, e.g. unetrpp-synapse (bundled) or one declared in --spec.")
    String model;

    @Option(names = "--spec", paramLabel = "FILE",
            description = "Take the network from this .arch file instead of the bundled UNETR++ specs.")
    Path spec;

    @Option(names = "--set", paramLabel = "NAME=VALUE",
            description = "Override a network parameter, e.g. --set patch=48,96,160 --set classes=3. Repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    /** A list parameter's value as {@code --set} takes it: {@code 32,64,64}. */
    static String listSetting(int[] values) {
        StringBuilder b = new StringBuilder();
        for (int v : values) {
            b.append(b.length() == 0 ? "" : ",").append(v);
        }
        return b.toString();
    }
}
