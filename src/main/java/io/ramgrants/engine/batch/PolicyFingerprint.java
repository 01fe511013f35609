package io.ramgrants.engine.batch;

import io.ramgrants.ram.RamPolicy;

/**
 * What ListPolicies tells about a custom policy without its document. Versions are immutable
 * and their IDs never reused, so a new document always shows as another default version; a
 * policy deleted and created again shows a new CreateDate; a detached or extra attachment
 * shows in the count. GetPolicy reports the same three fields, so the two can be compared.
 */
record PolicyFingerprint(String defaultVersionId, String createDate, Integer attachmentCount) {
    static PolicyFingerprint of(RamPolicy policy) {
        return new PolicyFingerprint(policy.defaultVersionId(), policy.createDate(), policy.attachmentCount());
    }
}
