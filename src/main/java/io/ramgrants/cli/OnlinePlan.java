package io.ramgrants.cli;

import io.ramgrants.accounts.AccountGuards;
import io.ramgrants.accounts.AccountHandle;
import io.ramgrants.accounts.AccountReason;
import io.ramgrants.accounts.CredentialEnvironment;
import io.ramgrants.accounts.EndpointAllowList;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.engine.GatewayResolver;
import io.ramgrants.engine.GrantEngine;
import io.ramgrants.manifest.EvaluatedResource;
import io.ramgrants.manifest.ManifestSet;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.ram.RamClientSettings;
import io.ramgrants.ram.RamGateways;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Connects to the accounts a set of valid grants needs and runs the engine over them: in
 * Observe mode for {@code plan}, converging for {@code apply}. Either every needed account is
 * reachable or nothing is run, so a plan is never half online.
 */
final class OnlinePlan {
    /** A one-shot tool fails fast rather than waiting out the operator's long backoff. */
    static final RamClientSettings CLI_SETTINGS = RamClientSettings.defaults()
            .withRetries(4, Duration.ofMillis(200), Duration.ofSeconds(2));

    /** Account states a fix of the input cures (as opposed to RAM or STS being unreachable or refusing). */
    static final Set<AccountReason> INPUT_PROBLEMS = EnumSet.of(AccountReason.InvalidSpec, AccountReason.SecretNotFound,
            AccountReason.SecretMalformed, AccountReason.CredentialsUnavailable, AccountReason.IdentityMismatch,
            AccountReason.EndpointNotAllowed, AccountReason.TokenFileNotAllowed, AccountReason.SecretNamespaceNotAllowed,
            AccountReason.ViaRootCredentials);

    /**
     * The runs, or why RAM could not be consulted; {@code inputProblem} when the input itself
     * (accounts, Secrets) is what keeps RAM out of reach.
     */
    record Outcome(Reach reach, List<GrantRun> runs, List<String> unreachable, boolean inputProblem) {
        boolean online() {
            return reach == Reach.ONLINE;
        }
    }

    /** How far the CLI got: credentials missing from the input, present but not working, or online. */
    enum Reach { NO_CREDENTIALS, NOT_READY, ONLINE }

    private final ManifestSet manifests;
    private final CredentialEnvironment environment;
    private final AccountGuards guards;

    private final RamClientSettings settings;

    OnlinePlan(ManifestSet manifests, CredentialEnvironment environment) {
        this(manifests, environment, List.of(), CLI_SETTINGS);
    }

    /**
     * @param allowEndpointHosts {@code --allow-endpoint-host}: hosts besides Alibaba Cloud's and loopback that
     *                           may receive credentials; manifests under review are no more trusted than a tenant
     */
    OnlinePlan(ManifestSet manifests, CredentialEnvironment environment, List<String> allowEndpointHosts) {
        this(manifests, environment, allowEndpointHosts, CLI_SETTINGS);
    }

    OnlinePlan(ManifestSet manifests, CredentialEnvironment environment, List<String> allowEndpointHosts,
               RamClientSettings settings) {
        this.manifests = manifests;
        this.environment = environment;
        this.guards = AccountGuards.defaults(environment)
                .withEndpoints(EndpointAllowList.withExtraHosts(allowEndpointHosts));
        this.settings = settings;
    }

    /** Every account the grants want a role in. */
    static Set<String> neededAccounts(List<EvaluatedResource> evaluated) {
        Set<String> accounts = new TreeSet<>();
        evaluated.stream().map(EvaluatedResource::desired).flatMap(Optional::stream)
                .map(DesiredState::roles).flatMap(List::stream).map(DesiredRole::accountId).forEach(accounts::add);
        return accounts;
    }

    /** What to do with the engine once every account is reachable. */
    interface Runner {
        List<GrantRun> run(GrantEngine engine, List<EvaluatedResource> evaluated, GatewayResolver gateways);
    }

    Outcome run(List<EvaluatedResource> evaluated, boolean observeOnly) {
        return run(evaluated, (engine, grants, gateways) -> GrantRun.runAll(engine, grants, observeOnly, gateways));
    }

    Outcome run(List<EvaluatedResource> evaluated, Runner runner) {
        ManifestAccounts accounts = new ManifestAccounts(manifests, environment, gateways(settings), guards);
        List<String> missing = accounts.withoutCredentials(neededAccounts(evaluated));
        if (!missing.isEmpty()) {
            return new Outcome(Reach.NO_CREDENTIALS, List.of(), missing, true);
        }
        List<AccountHandle> notReady = accounts.connect(neededAccounts(evaluated));
        if (!notReady.isEmpty()) {
            List<String> reasons = new ArrayList<>();
            notReady.forEach(h -> reasons.add("account " + h.accountId() + " (AlibabaCloudAccount " + h.name() + "): "
                    + h.reason() + ": " + h.message()));
            boolean inputProblem = notReady.stream().allMatch(h -> INPUT_PROBLEMS.contains(h.reason()));
            return new Outcome(Reach.NOT_READY, List.of(), reasons, inputProblem);
        }
        GrantEngine engine = new GrantEngine(accounts.gateways());
        return new Outcome(Reach.ONLINE, runner.run(engine, evaluated, accounts.gateways()), List.of(), false);
    }

    private static RamGateways gateways(RamClientSettings settings) {
        return new RamGateways(settings, OperatorMetrics.discarding());
    }
}
