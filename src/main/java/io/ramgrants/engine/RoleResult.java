package io.ramgrants.engine;

/** One role's outcome, shaped for {@code status.roles[]}. */
public record RoleResult(String accountId, String roleName, String arn, RoleState state) {}
