package io.ramgrants.runtime;

import io.ramgrants.text.Quoting;
import java.io.PrintStream;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * How the operator's log lines look. SLF4J goes to java.util.logging (slf4j-jdk14); this
 * installs one stderr handler with a one-line text or JSON formatter, replacing the JDK's
 * two-line default.
 */
public enum LogFormat {
    /** {@code 2025-01-01T10:00:00Z INFO  logger - message}. */
    TEXT(new TextFormatter()),
    /** One JSON object per line, for log pipelines. */
    JSON(new JsonFormatter());

    private final Formatter formatter;

    LogFormat(Formatter formatter) {
        this.formatter = formatter;
    }

    public Formatter formatter() {
        return formatter;
    }

    /** Routes every logger to {@code out} in this format at {@code level} and above. */
    public void install(PrintStream out, Level level) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Handler handler = new StreamHandler(out, formatter) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setLevel(level);
        root.addHandler(handler);
        root.setLevel(level);
    }

    /** The same, on stderr. */
    public void install(Level level) {
        install(System.err, level);
    }

    private static final class TextFormatter extends Formatter {
        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder()
                    .append(Instant.ofEpochMilli(record.getMillis())).append(' ')
                    .append(String.format("%-5s", level(record))).append(' ')
                    .append(record.getLoggerName()).append(" - ").append(formatMessage(record));
            if (record.getThrown() != null) {
                line.append(System.lineSeparator()).append(stackTrace(record.getThrown()));
            }
            return line.append(System.lineSeparator()).toString();
        }
    }

    private static final class JsonFormatter extends Formatter {
        @Override
        public String format(LogRecord record) {
            StringBuilder json = new StringBuilder("{\"time\":\"").append(Instant.ofEpochMilli(record.getMillis()))
                    .append("\",\"level\":\"").append(level(record))
                    .append("\",\"logger\":").append(quote(record.getLoggerName()))
                    .append(",\"message\":").append(quote(formatMessage(record)));
            if (record.getThrown() != null) {
                json.append(",\"exception\":").append(quote(stackTrace(record.getThrown())));
            }
            return json.append('}').append(System.lineSeparator()).toString();
        }
    }

    /** SLF4J's names for the JUL levels slf4j-jdk14 maps them to. */
    static String level(LogRecord record) {
        int value = record.getLevel().intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (value >= Level.INFO.intValue()) {
            return "INFO";
        }
        return value >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }

    static String stackTrace(Throwable thrown) {
        java.io.StringWriter out = new java.io.StringWriter();
        thrown.printStackTrace(new java.io.PrintWriter(out));
        return out.toString().stripTrailing();
    }

    static String quote(String text) {
        return Quoting.JSON.quote(text);
    }
}
