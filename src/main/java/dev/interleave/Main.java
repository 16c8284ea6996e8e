package dev.interleave;

import dev.interleave.cli.InterleaveCommand;

/**
 * The launcher's entry point: no argument (or {@code --listen [ADDR:]PORT}) opens the lab window, a
 * subcommand runs headless. A class of
 * its own (not the Application) so that the CLI never starts the JavaFX toolkit.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            int code = dev.interleave.ui.LabApp.launchWindow(args);
            if (code != 0) {
                System.exit(code); // the window could not open; LabApp said why
            }
            return;
        }
        // --listen [ADDR:]PORT opens the window already listening for an outside sender.
        System.exit(InterleaveCommand.execute(at -> dev.interleave.ui.LabApp.launchWindow(
                new String[] {"--" + dev.interleave.ui.LabApp.LISTEN + "=" + at}), args));
    }
}
