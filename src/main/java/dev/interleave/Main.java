package dev.interleave;

import dev.interleave.cli.InterleaveCommand;

/**
 * The launcher's entry point: no argument opens the lab window, a subcommand runs headless. A class of
 * its own (not the Application) so that the CLI never starts the JavaFX toolkit.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            dev.interleave.ui.LabApp.launchWindow(args);
            return;
        }
        System.exit(InterleaveCommand.execute(args));
    }
}
