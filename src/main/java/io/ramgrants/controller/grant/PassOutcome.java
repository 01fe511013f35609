package io.ramgrants.controller.grant;

import io.ramgrants.engine.EngineResult;
import java.util.List;
import java.util.Optional;

/**
 * What one pass over a grant produced: the verdict, the engine's result when RAM was observed,
 * and the notes for {@code status.notes}. A deferred pass did nothing at all: an account it
 * needs was busy with other passes, and the grant is woken when it has room ({@link AccountSlots}).
 */
record PassOutcome(Verdict verdict, Optional<EngineResult> result, List<String> notes, boolean deferred) {
    PassOutcome {
        notes = List.copyOf(notes);
    }

    PassOutcome(Verdict verdict, Optional<EngineResult> result, List<String> notes) {
        this(verdict, result, notes, false);
    }

    static PassOutcome accountBusy() {
        return new PassOutcome(Verdict.waiting(GrantReasons.RECONCILING, "waiting for a free reconcile slot"),
                Optional.empty(), List.of(), true);
    }

    /** A pass that finished without RAM because nothing there is the operator's to do (a Retain or Observe deletion). */
    static PassOutcome settled(Verdict verdict) {
        return new PassOutcome(verdict, Optional.empty(), List.of());
    }

    /** A pass stopped before RAM: invalid, not allowed, an account not ready, a duplicate claim. */
    static PassOutcome blocked(Verdict verdict) {
        return new PassOutcome(verdict, Optional.empty(), List.of());
    }

    /** RAM writes this pass performed, as printable lines. */
    List<String> applied() {
        return result.map(EngineResult::appliedLines).orElse(List.of());
    }
}
