package io.ramgrants.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.ramgrants.accounts.AccountGuards;
import io.ramgrants.accounts.AccountRegistry;
import io.ramgrants.accounts.AccountResolver;
import io.ramgrants.accounts.CredentialEnvironment;
import io.ramgrants.accounts.IdentityVerifier;
import io.ramgrants.accounts.RamGatewaySource;
import io.ramgrants.accounts.StsGatewayFactory;
import io.ramgrants.controller.grant.EventRecorder;
import io.ramgrants.drift.DriftEventStates;
import java.time.Clock;

/**
 * The account side of the operator, wired: registry, resolver, Secret watches and the
 * reconciler. Grant controllers take {@link #registry()}, and listen to it to be re-queued
 * when an account they use changes.
 */
public final class AccountController implements AutoCloseable {
    private final AccountRegistry registry;
    private final ReferencedSecrets secrets;
    private final AlibabaCloudAccountReconciler reconciler;

    public AccountController(KubernetesClient client, StsGatewayFactory stsGateways, RamGatewaySource ramGateways,
                             CredentialEnvironment environment, ReverificationSchedule schedule, Clock clock) {
        this(client, stsGateways, ramGateways, environment, schedule, clock, AccountGuards.defaults(environment),
                (regarding, type, reason, message) -> { });
    }

    /**
     * @param guards what accounts may make the operator do: endpoints, token files, Secret namespaces
     * @param events Warning events about accounts (root credentials)
     */
    public AccountController(KubernetesClient client, StsGatewayFactory stsGateways, RamGatewaySource ramGateways,
                             CredentialEnvironment environment, ReverificationSchedule schedule, Clock clock,
                             AccountGuards guards, EventRecorder events) {
        this(client, stsGateways, ramGateways, environment, schedule, clock, guards, events, DriftEventStates.off());
    }

    /** @param driftEvents each account's drift event feed state, shown as its DriftEvents condition */
    public AccountController(KubernetesClient client, StsGatewayFactory stsGateways, RamGatewaySource ramGateways,
                             CredentialEnvironment environment, ReverificationSchedule schedule, Clock clock,
                             AccountGuards guards, EventRecorder events, DriftEventStates driftEvents) {
        this.registry = new AccountRegistry(ramGateways);
        this.secrets = new ReferencedSecrets(client, guards::allowsSecretNamespace);
        AccountResolver resolver = new AccountResolver(registry, stsGateways, secrets, environment, new IdentityVerifier(),
                clock, guards);
        this.reconciler = new AlibabaCloudAccountReconciler(resolver, registry, secrets, schedule, clock, events,
                driftEvents);
    }

    public AccountRegistry registry() {
        return registry;
    }

    public void register(Operator operator) {
        operator.register(reconciler);
    }

    /** Stops the Secret watches; call after the operator stopped. */
    @Override
    public void close() {
        secrets.close();
    }
}
