package dev.interleave.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What a run prints and writes: shared by {@code run} and {@code send}. */
final class Outputs {
    @Option(names = "--report", paramLabel = "FILE", description = "Write the run report as CSV (docs/REPORT.md).")
    Path report;

    @Option(names = "--json", description = "Print exactly one JSON object on stdout (progress stays on stderr).")
    boolean json;

    @Option(names = "--fail-on-torn", description = "Exit 1 when any packet arrived torn.")
    boolean failOnTorn;
}
