package io.ramgrants.engine;

/**
 * One difference between desired and observed. {@code subject} names what differs under the
 * path: a policy as {@code Type/Name} for attachments, a policy name for custom policies, the
 * role name otherwise.
 */
public record Difference(DiffPath path, String subject) {
    @Override
    public String toString() {
        return path + " " + subject;
    }
}
