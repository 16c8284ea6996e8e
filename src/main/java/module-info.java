/**
 * Interleave: a lab that shows whether concurrent send() calls on one TCP socket interleave.
 * Packages follow the pipeline: protocol, send, verify, telemetry, stats, run, sweep
 * (repeated trials and the sweep over threads x sizes), report, then the two
 * front ends, cli and ui (the only one that touches JavaFX).
 */
module dev.interleave {
    requires java.prefs;
    requires javafx.controls;
    requires javafx.swing;
    requires org.controlsfx.controls;
    requires org.slf4j;
    requires info.picocli;
    requires org.apache.commons.csv;
    requires com.fasterxml.jackson.core;

    exports dev.interleave;
    exports dev.interleave.protocol;
    exports dev.interleave.verify;
    exports dev.interleave.send;
    exports dev.interleave.telemetry;
    exports dev.interleave.run;
    exports dev.interleave.sweep;
    exports dev.interleave.stats;
    exports dev.interleave.report;
    exports dev.interleave.cli;
    // The window is no API: javafx.graphics alone needs its Application class.
    exports dev.interleave.ui to javafx.graphics;

    opens dev.interleave.cli to info.picocli;
}
