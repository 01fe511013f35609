package io.ramgrants.drift;

import java.util.Locale;

/**
 * Renders a write event for people: who ({@code RAM user alice (LTAI****abcd)}, {@code role
 * session ops-role:bob (STS.****wxyz)}, {@code the root account (LTAI****abcd)}) and what
 * ({@code AdministratorAccess attached}, {@code trust policy edited}). AccessKey IDs are
 * masked to their first four and last four characters; no secret is ever part of an event.
 */
public final class Attributions {
    private Attributions() {
    }

    public static String maskAccessKey(String accessKeyId) {
        if (accessKeyId == null || accessKeyId.isEmpty()) {
            return null;
        }
        if (accessKeyId.startsWith("STS.")) {
            String rest = accessKeyId.substring(4);
            return "STS.****" + (rest.length() > 8 ? rest.substring(rest.length() - 4) : "");
        }
        if (accessKeyId.length() <= 8) {
            return "****";
        }
        return accessKeyId.substring(0, 4) + "****" + accessKeyId.substring(accessKeyId.length() - 4);
    }

    public static String caller(RamWriteEvent e) {
        String type = e.callerType() == null ? "" : e.callerType().toLowerCase(Locale.ROOT);
        String who = switch (type) {
            case "ram-user", "ramuser" -> "RAM user " + orUnknown(e.userName());
            case "assumed-role", "assumedrole" -> "role session " + orUnknown(e.userName());
            case "root-account", "root" -> "the root account";
            default -> "an unidentified caller" + (e.principalId() != null ? " " + e.principalId() : "");
        };
        String key = maskAccessKey(e.accessKeyId());
        return key == null ? who : who + " (" + key + ")";
    }

    public static String what(RamWriteEvent e) {
        String policy = e.policies().isEmpty() ? "a policy" : String.join(", ", e.policies());
        String role = e.roles().isEmpty() ? "a role" : String.join(", ", e.roles());
        return switch (e.eventName()) {
            case "AttachPolicyToRole" -> policy + " attached to " + role;
            case "DetachPolicyFromRole" -> policy + " detached from " + role;
            case "UpdateRole" -> updated(e) + " of " + role + " edited";
            case "DeleteRole" -> "role " + role + " deleted";
            case "CreateRole" -> "role " + role + " created";
            case "CreatePolicyVersion" -> "true".equalsIgnoreCase(e.details().get("SetAsDefault"))
                    ? "new default version of " + policy + " created" : "new version of " + policy + " created";
            case "SetDefaultPolicyVersion" -> "default version of " + policy + " changed";
            case "DeletePolicyVersion" -> "a version of " + policy + " deleted";
            case "DeletePolicy" -> "policy " + policy + " deleted";
            case "CreatePolicy" -> "policy " + policy + " created";
            default -> e.eventName() + " on " + (e.roles().isEmpty() ? policy : role);
        };
    }

    private static String updated(RamWriteEvent e) {
        boolean trust = e.details().containsKey("NewAssumeRolePolicyDocument");
        boolean description = e.details().containsKey("NewDescription");
        if (trust && description) {
            return "trust policy and description";
        }
        if (trust) {
            return "trust policy";
        }
        return description ? "description" : "settings";
    }

    private static String orUnknown(String s) {
        return s == null ? "(unnamed)" : s;
    }
}
