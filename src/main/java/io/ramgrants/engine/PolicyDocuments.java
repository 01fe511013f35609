package io.ramgrants.engine;

import io.ramgrants.policy.MalformedPolicyException;
import io.ramgrants.policy.PolicyDocument;

/** Semantic comparison of a desired document with the JSON RAM returned. */
final class PolicyDocuments {
    private PolicyDocuments() {}

    /**
     * True when {@code observedJson} means the same as {@code desired}. RAM re-serialises what
     * it stores, so strings are never compared; a document RAM holds that we cannot parse
     * differs from ours by definition.
     */
    static boolean same(PolicyDocument desired, String observedJson) {
        if (observedJson == null) {
            return false;
        }
        try {
            return desired.equals(PolicyDocument.parse(observedJson));
        } catch (MalformedPolicyException e) {
            return false;
        }
    }
}
