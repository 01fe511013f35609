package io.ramgrants.controller.grant;

import io.ramgrants.engine.EngineResult;
import java.util.List;
import java.util.Optional;

/**
 * What one pass over a grant produced: the verdict, the engine's result when RAM was observed,
 * and the notes for {@code status.notes}.
 */
record PassOutcome(Verdict verdict, Optional<EngineResult> result, List<String> notes) {
    PassOutcome {
        notes = List.copyOf(notes);
    }

    static PassOutcome blocked(Verdict verdict) {
        return new PassOutcome(verdict, Optional.empty(), List.of());
    }

    /** RAM writes this pass performed, as printable lines. */
    List<String> applied() {
        return result.map(EngineResult::appliedLines).orElse(List.of());
    }
}
