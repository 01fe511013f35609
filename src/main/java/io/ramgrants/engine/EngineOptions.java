package io.ramgrants.engine;

import java.util.Objects;

/**
 * How one pass may act. {@code paused} and {@link ManagementMode#OBSERVE} both forbid writes;
 * they differ only in how the result names pending changes (PENDING vs DRIFTED).
 */
public record EngineOptions(ManagementMode mode, Adoption adoption, RemovalPolicy removal, boolean paused) {
    public EngineOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(adoption, "adoption");
        Objects.requireNonNull(removal, "removal");
    }

    /** Manage, never adopt, delete on removal, not paused: the defaults of a grant spec. */
    public static EngineOptions defaults() {
        return new EngineOptions(ManagementMode.MANAGE, Adoption.NEVER, RemovalPolicy.DELETE, false);
    }

    public EngineOptions withMode(ManagementMode newMode) {
        return new EngineOptions(newMode, adoption, removal, paused);
    }

    public EngineOptions withAdoption(Adoption newAdoption) {
        return new EngineOptions(mode, newAdoption, removal, paused);
    }

    public EngineOptions withRemoval(RemovalPolicy newRemoval) {
        return new EngineOptions(mode, adoption, newRemoval, paused);
    }

    public EngineOptions withPaused(boolean newPaused) {
        return new EngineOptions(mode, adoption, removal, newPaused);
    }

    /** True when this pass may call a RAM write action. */
    public boolean writesAllowed() {
        return mode == ManagementMode.MANAGE && !paused;
    }
}
