package io.ramgrants.ram;

/**
 * A role as RAM reports it. {@code trustPolicyDocument} is null when the role came from
 * ListRoles, which does not return it. Dates are RAM's ISO-8601 strings.
 */
public record RamRole(
        String roleName,
        String roleId,
        String arn,
        String description,
        String trustPolicyDocument,
        Integer maxSessionDuration,
        String createDate,
        String updateDate) {}
