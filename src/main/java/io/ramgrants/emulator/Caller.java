package io.ramgrants.emulator;

/**
 * Who made an authenticated call: an account's root identity, a role session obtained
 * from STS, or nobody (the anonymous AssumeRoleWithOIDC exchange).
 */
record Caller(String accountId, Type type, String roleName, String roleId, String sessionName) {
    enum Type { ACCOUNT, RAM_USER, ASSUMED_ROLE, ANONYMOUS }

    /** A RAM user's long-term AccessKey; {@code roleName}/{@code roleId} hold the user's name and ID. */
    static Caller ramUser(String accountId, String userName, String userId) {
        return new Caller(accountId, Type.RAM_USER, userName, userId, null);
    }

    String userName() {
        return type == Type.RAM_USER ? roleName : null;
    }

    static Caller root(String accountId) {
        return new Caller(accountId, Type.ACCOUNT, null, null, null);
    }

    static Caller assumedRole(String accountId, String roleName, String roleId, String sessionName) {
        return new Caller(accountId, Type.ASSUMED_ROLE, roleName, roleId, sessionName);
    }

    /** Anonymous calls are counted against the account they act on (the role's). */
    static Caller anonymous(String accountId) {
        return new Caller(accountId, Type.ANONYMOUS, null, null, null);
    }

    boolean isRoot() {
        return type == Type.ACCOUNT;
    }

    String rootArn() {
        return "acs:ram::" + accountId + ":root";
    }

    /** The ARN GetCallerIdentity reports. */
    String arn() {
        return switch (type) {
            case ACCOUNT, ANONYMOUS -> rootArn();
            case ASSUMED_ROLE -> "acs:ram::" + accountId + ":assumed-role/" + roleName + "/" + sessionName;
            case RAM_USER -> "acs:ram::" + accountId + ":user/" + roleName;
        };
    }

    /** The ARN of the role behind a role session, as trust policies name it. */
    String roleArn() {
        return type == Type.ASSUMED_ROLE ? Arns.role(accountId, roleName) : null;
    }

    String principalId() {
        return switch (type) {
            case ASSUMED_ROLE -> roleId + ":" + sessionName;
            case RAM_USER -> roleId;
            case ACCOUNT, ANONYMOUS -> accountId;
        };
    }
}
