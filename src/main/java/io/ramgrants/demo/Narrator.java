package io.ramgrants.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** What the person running the demo reads: timed steps, section titles, tables. */
final class Narrator {
    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    Narrator(PrintStream out) {
        this.out = out;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    void title(String text) {
        out.println();
        out.println("== " + text);
    }

    /** A line stamped with the time since the demo started. */
    void step(String text) {
        out.printf(Locale.ROOT, "[%5.1fs] %s%n", elapsed().toMillis() / 1000.0, text);
    }

    void command(String commandLine) {
        out.println();
        out.println("$ " + commandLine);
    }

    void text(String text) {
        out.println(text);
    }

    void block(String text) {
        out.print(text);
        out.flush();
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
