package io.ramgrants.reliability;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
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
        System.setOut(new PrintStream(new Tee(originalOut, copy), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr, copy), true, StandardCharsets.UTF_8));
        logRecords = new StreamHandler(new Tee(null, copy), new SimpleFormatter()) {
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

    private static final class Tee extends OutputStream {
        private final PrintStream first;
        private final ByteArrayOutputStream second;

        Tee(PrintStream first, ByteArrayOutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) {
            synchronized (second) {
                if (first != null) {
                    first.write(b);
                }
                second.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (second) {
                if (first != null) {
                    first.write(b, off, len);
                }
                second.write(b, off, len);
            }
        }

        @Override
        public void flush() {
            if (first != null) {
                first.flush();
            }
        }
    }
}
