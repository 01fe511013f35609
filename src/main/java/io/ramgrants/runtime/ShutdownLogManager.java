package io.ramgrants.runtime;

import java.util.logging.LogManager;

/**
 * The JDK's LogManager closes every handler from its own shutdown hook, which runs alongside
 * ours: whatever the operator logs while stopping ("shutting down", the Lease release) was
 * lost at random. This manager ignores that reset; {@link #resetAtExit()} does it once our
 * hook has finished. Active only when {@code java.util.logging.manager} names it before the
 * first logger is created (see {@code Main}).
 */
public final class ShutdownLogManager extends LogManager {
    private volatile boolean exiting;

    @Override
    public void reset() {
        if (exiting || !shuttingDown()) {
            super.reset();
        }
    }

    /** Flushes and closes the handlers; the last call of the shutdown hook. */
    public static void resetAtExit() {
        if (LogManager.getLogManager() instanceof ShutdownLogManager manager) {
            manager.exiting = true;
            manager.reset();
        }
    }

    private static boolean shuttingDown() {
        try {
            Thread probe = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
