package io.ramgrants.engine;

import io.ramgrants.text.Quoting;

/**
 * One field-level change an action makes, with the value before and after: what a reviewer of a
 * plan reads. {@code op} is {@code +} (added), {@code -} (removed) or {@code ~} (changed);
 * {@code before} is null for an addition, {@code after} null for a removal. {@code policy} is
 * null for role-level fields. {@code field} is one of {@code role}, {@code trust.principal.RAM},
 * {@code trust.principal.Service} (one principal each), {@code trust} (any other part of the trust
 * policy, as whole documents), {@code description} (it carries the ownership marker),
 * {@code attachment} ({@code Type/Name}), {@code policy} (a custom policy as a whole),
 * {@code policy.action} (one action of a custom policy), {@code policy.document} (any other part
 * of a custom policy, as whole documents) and {@code policy.version}.
 */
public record Change(String op, String action, String account, String role, String policy, String field,
                     String before, String after, String reason) {
    public static final String ADDED = "+";
    public static final String REMOVED = "-";
    public static final String CHANGED = "~";

    /** One line, e.g. {@code - trust.principal.RAM: "acs:ram::3333333333333333:root"}. */
    public String line() {
        // Quoted so that a hostile value (a newline or a bidi override in a description) stays visible on its line.
        Quoting quoting = Quoting.READABLE;
        String value = switch (op) {
            case ADDED -> quoting.quote(after);
            case REMOVED -> quoting.quote(before);
            default -> quoting.quote(before) + " -> " + quoting.quote(after);
        };
        return op + " " + field + (policy != null && !"attachment".equals(field) ? " " + policy : "") + ": " + value;
    }
}
