package org.voxarch.cli;

import picocli.CommandLine.Option;

/** Where and on how many threads a command computes. */
final class ComputeOptions {
    @Option(names = "--device", defaultValue = "auto", paramLabel = "DEVICE",
            description = "auto (CUDA when available), cpu, cuda or cuda:N (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "libtorch intra-op threads (default: all available processors).")
    int threads;
}
