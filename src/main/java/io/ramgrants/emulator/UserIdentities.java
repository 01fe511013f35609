package io.ramgrants.emulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code userIdentity} block of an ActionTrail event for a caller: {@code type}
 * ({@code root-account}, {@code ram-user}, {@code assumed-role}), {@code principalId},
 * {@code accountId}, {@code accessKeyId}, {@code userName} and, for role sessions,
 * {@code sessionContext} with the issuing role.
 */
final class UserIdentities {
    private UserIdentities() {
    }

    static Map<String, Object> of(Caller caller, String accessKeyId, Instant now) {
        Map<String, Object> id = new LinkedHashMap<>();
        switch (caller.type()) {
            case ASSUMED_ROLE -> {
                id.put("type", "assumed-role");
                id.put("principalId", caller.principalId());
                id.put("accountId", caller.accountId());
                id.put("accessKeyId", accessKeyId);
                id.put("userName", caller.roleName() + ":" + caller.sessionName());
                Map<String, Object> issuer = new LinkedHashMap<>();
                issuer.put("type", "role");
                issuer.put("principalId", caller.roleId());
                issuer.put("arn", caller.roleArn());
                issuer.put("accountId", caller.accountId());
                issuer.put("userName", caller.roleName());
                Map<String, Object> attributes = new LinkedHashMap<>();
                attributes.put("mfaAuthenticated", "false");
                attributes.put("creationDate", RamTime.format(now));
                id.put("sessionContext", Map.of("attributes", attributes, "sessionIssuer", issuer));
            }
            case RAM_USER -> {
                id.put("type", "ram-user");
                id.put("principalId", caller.principalId());
                id.put("accountId", caller.accountId());
                id.put("accessKeyId", accessKeyId);
                id.put("userName", caller.userName());
            }
            case ACCOUNT -> {
                id.put("type", "root-account");
                id.put("principalId", caller.accountId());
                id.put("accountId", caller.accountId());
                id.put("accessKeyId", accessKeyId);
                id.put("userName", "root");
            }
            default -> {
                id.put("type", caller.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                id.put("principalId", caller.principalId());
                id.put("accountId", caller.accountId());
                id.put("accessKeyId", accessKeyId);
            }
        }
        return id;
    }
}
