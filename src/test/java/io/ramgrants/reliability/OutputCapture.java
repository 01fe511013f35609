package io.ramgrants.reliability;

import java.io.ByteArrayOutputStream;
import io.ramgrants.testing.TeeOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * Copies everything written to System.out and System.err, and every java.util.logging record
 * (where slf4j-jdk14 sends the operator's logs), while open, so a test can search the process
 * output for a secret. Output still reaches its usual place.
 */
final class OutputCapture implements AutoCloseable {
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private final Handler logRecords;

    OutputCapture() {
        System.setOut(new PrintStream(new TeeOutputStream(originalOut, copy), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new TeeOutputStream(originalErr, copy), true, StandardCharsets.UTF_8));
        logRecords = new StreamHandler(new TeeOutputStream(null, copy), new SimpleFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        logRecords.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(logRecords);
    }

    String text() {
        synchronized (copy) {
            return copy.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(logRecords);
        System.setOut(originalOut);
        System.setErr(originalErr);
    }
}
