package io.ramgrants.controller.grant;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.ramgrants.api.GrantSpec;
import io.ramgrants.api.GrantStatus;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The three grant controllers, configured alike: our finalizer, the update filter that replaces
 * generation-aware processing, the watched namespaces, the sharding label selector, and twice
 * the resync period as JOSDK's maximum reconciliation interval (a backstop for passes that ended
 * in an exception; normal passes reschedule themselves within the period plus its jitter, so the
 * backstop, at twice the period, never fires before them).
 */
public final class GrantControllers {
    private final List<GrantReconciler<?, ?>> reconcilers;

    public GrantControllers(GrantDependencies deps) {
        this.reconcilers = List.of(new DtsGrantReconciler(deps), new DmsRegistrationRoleReconciler(deps),
                new DmsAccessRoleReconciler(deps));
    }

    public List<GrantReconciler<?, ?>> reconcilers() {
        return reconcilers;
    }

    /**
     * @param namespaces    namespaces to watch; empty = all
     * @param labelSelector only grants matching it (sharding across Deployments); null = all
     */
    public void register(Operator operator, Set<String> namespaces, String labelSelector) {
        reconcilers.forEach(r -> register(operator, r, namespaces, labelSelector));
    }

    private static <R extends CustomResource<S, GrantStatus>, S extends GrantSpec> void register(
            Operator operator, GrantReconciler<R, S> reconciler, Set<String> namespaces, String labelSelector) {
        operator.register(reconciler, (ControllerConfigurationOverrider<R> overrider) -> {
            overrider.withName(reconciler.kind().toLowerCase(Locale.ROOT))
                    .withFinalizer(GrantReconciler.FINALIZER)
                    .withGenerationAware(false)
                    .withOnUpdateFilter(new GrantUpdateFilter<>(GrantReconciler.FINALIZER))
                    .withReconciliationMaxInterval(reconciler.resyncPeriod().multipliedBy(2))
                    .withLabelSelector(labelSelector);
            if (namespaces.isEmpty()) {
                overrider.watchingAllNamespaces();
            } else {
                overrider.settingNamespaces(namespaces);
            }
        });
    }
}
