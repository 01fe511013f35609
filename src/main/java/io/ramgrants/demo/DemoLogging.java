package io.ramgrants.demo;

import io.ramgrants.runtime.LogFormat;
import java.io.PrintStream;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * The operator's logs during the demo: warnings only (everything with {@code --verbose}), in
 * the operator's one-line text format, so the story stays readable. SLF4J goes to
 * java.util.logging, whose configuration is global: the previous one is put back on close, so
 * running the demo inside another program (a test) leaves that program's logging alone.
 */
final class DemoLogging implements AutoCloseable {
    private final Logger root = Logger.getLogger("");
    private final List<Handler> previousHandlers;
    private final Level previousLevel;
    private final Handler handler;
    private final boolean verbose;
    /** fabric8 warns once per kind that v1alpha1 is not a stable API version: true, and not news in a demo. */
    private final Logger versionWarnings = Logger.getLogger("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils");
    private final Level previousVersionWarningsLevel = versionWarnings.getLevel();

    DemoLogging(PrintStream err, boolean verbose) {
        this.verbose = verbose;
        this.previousHandlers = List.of(root.getHandlers());
        this.previousLevel = root.getLevel();
        Level level = verbose ? Level.INFO : Level.WARNING;
        this.handler = new StreamHandler(err, LogFormat.TEXT.formatter()) {
            @Override
            public synchronized void publish(java.util.logging.LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setLevel(level);
        previousHandlers.forEach(root::removeHandler);
        root.addHandler(handler);
        root.setLevel(level);
        if (!verbose) {
            versionWarnings.setLevel(Level.SEVERE);
        }
    }

    /**
     * Stopping the operator interrupts the passes in flight, and they say so in warnings;
     * after the summary that is not news, so the demo stops listening (unless verbose).
     */
    void quietForShutdown() {
        if (!verbose) {
            handler.setLevel(Level.OFF);
        }
    }

    @Override
    public void close() {
        handler.flush();
        root.removeHandler(handler);
        previousHandlers.forEach(root::addHandler);
        root.setLevel(previousLevel);
        versionWarnings.setLevel(previousVersionWarningsLevel);
    }
}
