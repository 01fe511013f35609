package io.ramgrants.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** STS 2015-04-01: GetCallerIdentity, AssumeRole, AssumeRoleWithOIDC. */
final class StsActions {
    private static final long MIN_DURATION = 900;

    private final CredentialStore credentials;
    private final Permissions permissions;
    private final Optional<Duration> ttlOverride;

    private final Map<String, List<String>> clientIdsByProvider = new java.util.HashMap<>();

    StsActions(CredentialStore credentials, Permissions permissions, Optional<Duration> ttlOverride,
               List<EmulatorConfig.OidcProvider> providers) {
        for (EmulatorConfig.OidcProvider p : providers) {
            clientIdsByProvider.put(providerKey(p.accountId(), p.name()), p.clientIds());
        }
        this.credentials = credentials;
        this.permissions = permissions;
        this.ttlOverride = ttlOverride;
    }

    void register(Map<String, Action> actions) {
        actions.put("GetCallerIdentity", StsActions::getCallerIdentity);
        actions.put("AssumeRole", this::assumeRole);
        actions.put("AssumeRoleWithOIDC", this::assumeRoleWithOidc);
    }

    private static Map<String, Object> getCallerIdentity(ActionContext ctx) {
        Caller c = ctx.caller();
        boolean role = c.type() == Caller.Type.ASSUMED_ROLE;
        String identityType = switch (c.type()) {
            case ASSUMED_ROLE -> "AssumedRoleUser";
            case RAM_USER -> "RAMUser";
            case ACCOUNT, ANONYMOUS -> "Account";
        };
        return Body.of("AccountId", c.accountId(), "IdentityType", identityType,
                "Arn", c.arn(), "UserId", c.principalId(), "PrincipalId", c.principalId(),
                "RoleId", role ? c.roleId() : null);
    }

    private Map<String, Object> assumeRole(ActionContext ctx) {
        Arns.Parsed target = roleArn(ctx);
        String session = sessionName(ctx);
        String externalId = ctx.request().param("ExternalId");
        sessionPolicy(ctx);
        Caller caller = ctx.caller();
        if (caller.isRoot()) {
            // STS refuses root AccessKeys outright, before looking at the role.
            throw RamError.forbidden("Roles may not be assumed by root accounts.");
        }
        permissions.requireAssumeRole(caller, target);
        Predicate<JsonNode> principal = p -> PolicyEvaluator.principalNames(p, "RAM", caller.rootArn())
                || PolicyEvaluator.principalNames(p, "RAM", caller.roleArn())
                || PolicyEvaluator.principalNames(p, "RAM", caller.type() != Caller.Type.ACCOUNT ? caller.arn() : null);
        Map<String, List<String>> context = externalId == null ? Map.of() : Map.of("sts:ExternalId", List.of(externalId));
        return issue(ctx, target, session, principal, context, Map.of(), false);
    }

    private Map<String, Object> assumeRoleWithOidc(ActionContext ctx) {
        String providerArn = ctx.request().required("OIDCProviderArn");
        Arns.Parsed target = roleArn(ctx);
        String jwt = ctx.request().required("OIDCToken");
        String session = sessionName(ctx);
        sessionPolicy(ctx);
        Arns.Parsed provider = Arns.parseOidcProvider(providerArn);
        if (provider == null) {
            throw RamError.badRequest("InvalidParameter.OIDCProviderArn", "The parameter \"OIDCProviderArn\" is invalid.");
        }
        List<String> clientIds = clientIdsByProvider.get(providerKey(provider.accountId(), provider.name()));
        if (!provider.accountId().equals(target.accountId()) || clientIds == null) {
            throw authenticationFail("AuthenticationFail.NoPermission", "No such OIDC Provider registered.");
        }
        OidcToken token = OidcToken.decode(jwt);
        if (token.expiresAt() != null && !ctx.now().isBefore(token.expiresAt())) {
            throw authenticationFail("AuthenticationFail.OIDCToken.Expired", "This JsonWebToken is expired.");
        }
        if (token.audiences().stream().noneMatch(clientIds::contains)) {
            throw authenticationFail("AuthenticationFail.OIDCToken.AudienceNotMatch", "Invalid audience.");
        }
        Map<String, List<String>> context = new java.util.HashMap<>();
        context.put("oidc:iss", List.of(token.issuer()));
        context.put("oidc:aud", token.audiences());
        if (token.subject() != null) {
            context.put("oidc:sub", List.of(token.subject()));
        }
        Map<String, Object> info = Body.of("Subject", token.subject(), "Issuer", token.issuer(),
                "ClientIds", String.join(",", token.audiences()),
                "IssuanceTime", token.issuedAt() == null ? null : RamTime.format(token.issuedAt()),
                "ExpirationTime", token.expiresAt() == null ? null : RamTime.format(token.expiresAt()),
                "VerificationInfo", "Success");
        return issue(ctx, target, session, p -> PolicyEvaluator.principalNames(p, "Federated", providerArn),
                context, Map.of("OIDCTokenInfo", info), true);
    }

    private static String providerKey(String accountId, String name) {
        return accountId + ":" + name;
    }

    /** STS answers every refused OIDC exchange 401 AuthenticationFail.* (STS error-code reference). */
    static RamError authenticationFail(String code, String message) {
        return new RamError(401, code, message);
    }

    private Map<String, Object> issue(ActionContext ctx, Arns.Parsed target, String session,
                                      Predicate<JsonNode> principal, Map<String, List<String>> context,
                                      Map<String, Object> extra, boolean oidc) {
        Long requested = RamValidation.longParam(ctx.request(), "DurationSeconds");
        AccountState account = ctx.accounts().of(target.accountId());
        RoleEntry role;
        JsonNode trust;
        synchronized (account) {
            RoleEntry found = account.roles.get(AccountState.key(target.name()));
            if (found == null && oidc) {
                throw authenticationFail("AuthenticationFail.NoPermission", "There is no permission");
            }
            role = account.role(target.name());
            trust = StoredPolicyDocuments.parse(role.trustDocument);
        }
        long duration = requested != null ? requested : 3600;
        if (duration < MIN_DURATION || duration > role.maxSessionDuration) {
            throw RamError.badRequest("InvalidParameter.DurationSeconds", "The parameter \"DurationSeconds\" must be between "
                    + MIN_DURATION + " and the role's MaxSessionDuration " + role.maxSessionDuration + ".");
        }
        if (!PolicyEvaluator.allows(List.of(trust), "sts:AssumeRole", principal, context)) {
            if (oidc) {
                throw authenticationFail("AuthenticationFail.NoPermission", "There is no permission");
            }
            throw RamError.forbidden("You are not authorized to do this action. You should be authorized by RAM.");
        }
        Instant expiration = ctx.now().plus(ttlOverride.orElse(Duration.ofSeconds(duration)));
        CredentialStore.Key key = credentials.issue(
                Caller.assumedRole(account.accountId, role.roleName, role.roleId, session), expiration);
        Map<String, Object> body = Body.of(
                "AssumedRoleUser", Body.of("Arn", role.arn + "/" + session, "AssumedRoleId", role.roleId + ":" + session),
                "Credentials", Body.of("AccessKeyId", key.accessKeyId(), "AccessKeySecret", key.secret(),
                        "SecurityToken", key.securityToken(), "Expiration", RamTime.format(expiration)));
        body.putAll(extra);
        return body;
    }

    private static Arns.Parsed roleArn(ActionContext ctx) {
        String arn = ctx.request().required("RoleArn");
        Arns.Parsed parsed = Arns.parseRole(arn);
        if (parsed == null) {
            throw RamError.badRequest("InvalidParameter.RoleArn", "The parameter \"RoleArn\" is invalid: " + arn + ".");
        }
        return parsed;
    }

    private static String sessionName(ActionContext ctx) {
        String session = ctx.request().required("RoleSessionName");
        if (!session.matches("[\\w.@\\-]{2,64}")) {
            throw RamError.badRequest("InvalidParameter.RoleSessionName",
                    "The parameter \"RoleSessionName\" must be 2 to 64 letters, digits, or . @ - _.");
        }
        return session;
    }

    // An inline session policy must be well-formed; the emulator does not narrow permissions with it.
    private static void sessionPolicy(ActionContext ctx) {
        String policy = ctx.request().param("Policy");
        if (policy != null) {
            StoredPolicyDocuments.normalise(policy, StoredPolicyDocuments.Kind.PERMISSION);
        }
    }
}
