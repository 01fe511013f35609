package io.ramgrants.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Writes to a stream (or nowhere, when {@code first} is null) and to an in-memory copy, which
 * tests search for secrets. Writes to the copy are synchronized on it, so readers lock it too.
 */
public final class TeeOutputStream extends OutputStream {
    private final PrintStream first;
    private final ByteArrayOutputStream copy;

    public TeeOutputStream(PrintStream first, ByteArrayOutputStream copy) {
        this.first = first;
        this.copy = copy;
    }

    @Override
    public void write(int b) {
        synchronized (copy) {
            if (first != null) {
                first.write(b);
            }
            copy.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        synchronized (copy) {
            if (first != null) {
                first.write(b, off, len);
            }
            copy.write(b, off, len);
        }
    }

    @Override
    public void flush() {
        if (first != null) {
            first.flush();
        }
    }
}
