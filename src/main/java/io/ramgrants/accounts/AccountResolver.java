package io.ramgrants.accounts;

import io.ramgrants.api.AccountCredentials;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import io.ramgrants.api.EndpointOverrides;
import io.ramgrants.api.Infrastructure;
import io.ramgrants.api.SecretRef;
import io.ramgrants.desired.validation.AccountValidator;
import io.ramgrants.desired.validation.ValidationError;
import io.ramgrants.ram.AccountEndpoint;
import io.ramgrants.ram.CredentialProvider;
import io.ramgrants.ram.StsGateway;
import io.ramgrants.ram.StsGateway.CallerIdentity;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns an {@code AlibabaCloudAccount} spec into an {@link AccountHandle}: validates it (the
 * spec-only rules {@code plan} also runs), builds the credential provider, and verifies the
 * identity through STS. Never throws for an unusable account: the handle carries the reason.
 * A via account that does not exist is no spec error here: the account waits for it.
 *
 * <p>A provider is reused while its source is unchanged, so cached temporary credentials
 * survive the periodic re-verification instead of costing an AssumeRole every pass.
 */
public final class AccountResolver {
    private final AccountRegistry registry;
    private final StsGatewayFactory stsFactory;
    private final SecretLookup secrets;
    private final CredentialEnvironment environment;
    private final IdentityVerifier identityVerifier;
    private final Clock clock;
    private final AccountGuards guards;
    private final AccountValidator validator = new AccountValidator();
    private final Map<String, SourcedProvider> providers = new ConcurrentHashMap<>();

    /** A provider and the configuration it was built from. */
    private record SourcedProvider(Object source, CredentialProvider provider) {}

    private record AssumeRoleSource(String roleArn, String sessionName, String externalId, String via) {}

    private record OidcSource(String roleArn, String oidcProviderArn, Path tokenFile, URI sts) {}

    private record DefaultChainSource(URI explicitSts) {}

    /** With {@link AccountGuards#defaults}: Alibaba Cloud hosts and loopback, RRSA token directory, any namespace. */
    public AccountResolver(AccountRegistry registry, StsGatewayFactory stsFactory, SecretLookup secrets,
                           CredentialEnvironment environment, IdentityVerifier identityVerifier, Clock clock) {
        this(registry, stsFactory, secrets, environment, identityVerifier, clock, AccountGuards.defaults(environment));
    }

    public AccountResolver(AccountRegistry registry, StsGatewayFactory stsFactory, SecretLookup secrets,
                           CredentialEnvironment environment, IdentityVerifier identityVerifier, Clock clock,
                           AccountGuards guards) {
        this.guards = Objects.requireNonNull(guards, "guards");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.stsFactory = Objects.requireNonNull(stsFactory, "stsFactory");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.identityVerifier = Objects.requireNonNull(identityVerifier, "identityVerifier");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public AccountHandle resolve(String name, AlibabaCloudAccountSpec spec) {
        List<ValidationError> errors = validator.validateSpec(name, spec);
        if (!errors.isEmpty()) {
            providers.remove(name);
            return notReady(name, spec, null, AccountReason.InvalidSpec, "invalid spec: "
                    + errors.stream().map(ValidationError::toString).collect(Collectors.joining("; ")));
        }
        String refusedEndpoint = refusedEndpoint(spec.endpoint);
        if (refusedEndpoint != null) {
            providers.remove(name);
            return notReady(name, spec, null, AccountReason.EndpointNotAllowed, refusedEndpoint);
        }
        AccountEndpoint endpoint = endpoint(spec.endpoint);
        try {
            CredentialProvider credentials = credentials(name, spec, endpoint);
            StsGateway sts = stsFactory.create(spec.accountId, endpoint, credentials);
            CallerIdentity identity = identityVerifier.verify(spec.accountId, sts, credentials);
            return new AccountHandle(name, spec.accountId, endpoint, infrastructure(spec), spec.allowedNamespaces,
                    spec.trustableAccounts, credentials, AccountReason.Verified, verifiedMessage(identity),
                    identity.arn(), identity.identityType());
        } catch (RuntimeException e) {
            AccountNotReadyException notReady = StsFailures.classify(e);
            return notReady(name, spec, endpoint, notReady.reason(), notReady.getMessage());
        }
    }

    /** Root keys work, but the condition says what to use instead, every pass (it is no volatile text). */
    private static String verifiedMessage(CallerIdentity identity) {
        String verified = "credentials verified as " + identity.arn();
        if (!AccountHandle.ROOT_IDENTITY_TYPE.equals(identity.identityType())) {
            return verified;
        }
        return verified + "; these are the root account's own AccessKey (GetCallerIdentity IdentityType Account),"
                + " which can do anything in the account and cannot call AssumeRole: use the AccessKey of a RAM user"
                + " holding only the RAM permissions the operator needs, or a RAM role (assumeRole, oidc)";
    }

    /**
     * The message for the first {@code spec.endpoint} URL whose host is not on the allow-list, or
     * null. Checked before any credential is built, so a refused account costs no request at all:
     * not the OIDC token, not the default chain's keys, not a signed call carrying an AccessKey ID.
     */
    private String refusedEndpoint(EndpointOverrides overrides) {
        if (overrides == null) {
            return null;
        }
        for (String[] field : new String[][] {{"spec.endpoint.ram", overrides.ram}, {"spec.endpoint.sts", overrides.sts},
                {"spec.endpoint.actiontrail", overrides.actiontrail}}) {
            if (field[1] != null && !guards.endpoints().allows(URI.create(field[1]))) {
                return field[0] + " names host " + URI.create(field[1]).getHost() + ", which is not on the operator's"
                        + " endpoint allow-list (Alibaba Cloud's RAM, STS and ActionTrail hosts and loopback); no request"
                        + " was sent."
                        + " Use Alibaba Cloud's endpoint, or ask the operator's administrators to allow the host"
                        + " (run --allow-endpoint-host)";
            }
        }
        return null;
    }

    /** Drops what was cached for a deleted account. */
    public void forget(String name) {
        providers.remove(name);
    }

    private static AccountHandle notReady(String name, AlibabaCloudAccountSpec spec, AccountEndpoint endpoint,
                                          AccountReason reason, String message) {
        return new AccountHandle(name, spec == null ? null : spec.accountId, endpoint,
                spec == null ? null : infrastructure(spec),
                spec == null ? List.of() : spec.allowedNamespaces,
                spec == null ? List.of() : spec.trustableAccounts,
                null, reason, message, null);
    }

    /** Null where the API server would have applied the CRD's default (a client that skips defaulting). */
    private static Infrastructure infrastructure(AlibabaCloudAccountSpec spec) {
        return spec.infrastructure == null ? Infrastructure.Public : spec.infrastructure;
    }

    static AccountEndpoint endpoint(EndpointOverrides overrides) {
        if (overrides == null) {
            return AccountEndpoint.publicCloud();
        }
        return new AccountEndpoint(
                overrides.ram == null ? AccountEndpoint.PUBLIC_RAM : URI.create(overrides.ram),
                overrides.sts == null ? AccountEndpoint.PUBLIC_STS : URI.create(overrides.sts),
                overrides.actiontrail == null ? null : URI.create(overrides.actiontrail));
    }

    private CredentialProvider credentials(String name, AlibabaCloudAccountSpec spec, AccountEndpoint endpoint) {
        AccountCredentials source = spec.credentials;
        if (source.secretRef != null) {
            return reuse(name, fromSecret(source.secretRef));
        }
        if (source.assumeRole != null) {
            return assumeRole(name, source.assumeRole);
        }
        URI explicitSts = spec.endpoint == null || spec.endpoint.sts == null ? null : endpoint.sts();
        if (source.oidc != null) {
            return oidc(name, spec.accountId, source.oidc, endpoint, explicitSts);
        }
        return reuse(name, new DefaultChainSource(explicitSts),
                () -> DefaultChainCredentials.fromEnvironment(environment, spec.accountId, explicitSts, stsFactory, clock));
    }

    private StaticSecretCredentials fromSecret(SecretRef ref) {
        if (!guards.allowsSecretNamespace(ref.namespace)) {
            throw new AccountNotReadyException(AccountReason.SecretNamespaceNotAllowed,
                    "spec.credentials.secretRef.namespace " + ref.namespace + " is not among the namespaces the operator"
                            + " reads Secrets in (" + String.join(", ", new java.util.TreeSet<>(guards.secretNamespaces()))
                            + "); put the Secret in one of them, or ask the operator's administrators to add the"
                            + " namespace (run --secret-namespace, chart value rbac.secretNamespaces)");
        }
        return StaticSecretCredentials.fromSecret(secrets.find(ref.namespace, ref.name)
                .orElseThrow(() -> new AccountNotReadyException(AccountReason.SecretNotFound,
                        "Secret " + ref.namespace + "/" + ref.name + " named in spec.credentials.secretRef does not exist")));
    }

    /** Static keys compare by value: the same keys keep the same provider. */
    private CredentialProvider reuse(String name, StaticSecretCredentials fresh) {
        return reuse(name, fresh, () -> fresh);
    }

    private CredentialProvider assumeRole(String name, io.ramgrants.api.AssumeRoleCredentials spec) {
        if (!registry.isReady(spec.via.name)) {
            throw viaNotReady(spec.via.name);
        }
        if (registry.byName(spec.via.name).map(AccountHandle::rootIdentity).orElse(false)) {
            throw new AccountNotReadyException(AccountReason.ViaRootCredentials, "AlibabaCloudAccount " + spec.via.name
                    + " named in spec.credentials.assumeRole.via holds the root account's own AccessKey (GetCallerIdentity"
                    + " IdentityType Account), and STS refuses AssumeRole by a root account: give " + spec.via.name
                    + " the AccessKey of a RAM user with permission to assume the role (AliyunSTSAssumeRoleAccess)");
        }
        String sessionName = spec.sessionName == null ? OidcCredentialProvider.DEFAULT_SESSION_NAME : spec.sessionName;
        AssumeRoleSource source = new AssumeRoleSource(spec.roleArn, sessionName, spec.externalId, spec.via.name);
        return reuse(name, source, () -> new AssumeRoleCredentialProvider(() -> viaSts(spec.via.name), spec.roleArn,
                sessionName, spec.externalId, AssumeRoleCredentialProvider.DEFAULT_DURATION, clock));
    }

    /** Looked up on each exchange so the via account's current credentials sign the call. */
    private StsGateway viaSts(String viaName) {
        AccountHandle via = registry.byName(viaName).filter(AccountHandle::ready).orElseThrow(() -> viaNotReady(viaName));
        return stsFactory.create(via.accountId(), via.endpoint(), via.credentials());
    }

    private AccountNotReadyException viaNotReady(String viaName) {
        String state = registry.byName(viaName).map(h -> "is not ready (" + h.reason() + ")").orElse("does not exist");
        return new AccountNotReadyException(AccountReason.ViaAccountNotReady,
                "AlibabaCloudAccount " + viaName + " named in spec.credentials.assumeRole.via " + state);
    }

    /** roleArn and oidcProviderArn are required by the spec; the token file may come from the environment. */
    private CredentialProvider oidc(String name, String accountId, io.ramgrants.api.OidcCredentials spec,
                                    AccountEndpoint endpoint, URI explicitSts) {
        String tokenFile = spec.tokenFile != null ? spec.tokenFile
                : environment.get(CredentialEnvironment.OIDC_TOKEN_FILE).orElseThrow(() -> new AccountNotReadyException(
                        AccountReason.InvalidSpec, "spec.credentials.oidc.tokenFile is not set and "
                        + CredentialEnvironment.OIDC_TOKEN_FILE + " is not in the operator's environment"));
        TokenDirectories guard = spec.tokenFile != null ? guards.tokenDirectories() : null;
        if (guard != null) {
            guard.refusal(Path.of(tokenFile)).ifPresent(why -> {
                throw new AccountNotReadyException(AccountReason.TokenFileNotAllowed,
                        "spec.credentials.oidc.tokenFile " + tokenFile + " " + why);
            });
        }
        URI sts = explicitSts != null ? explicitSts : environment.stsEndpoint().orElse(endpoint.sts());
        OidcSource source = new OidcSource(spec.roleArn, spec.oidcProviderArn, Path.of(tokenFile), sts);
        return reuse(name, source, () -> new OidcCredentialProvider(
                stsFactory.create(accountId, new AccountEndpoint(endpoint.ram(), sts), null), spec.roleArn,
                spec.oidcProviderArn, Path.of(tokenFile), OidcCredentialProvider.DEFAULT_SESSION_NAME,
                OidcCredentialProvider.DEFAULT_DURATION, clock, guard));
    }

    private CredentialProvider reuse(String name, Object source, Supplier<CredentialProvider> build) {
        SourcedProvider current = providers.get(name);
        if (current != null && current.source().equals(source)) {
            return current.provider();
        }
        CredentialProvider provider = build.get();
        providers.put(name, new SourcedProvider(source, provider));
        return provider;
    }
}
