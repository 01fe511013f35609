package io.ramgrants.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ramgrants.accounts.AccountGuards;
import io.ramgrants.accounts.CredentialEnvironment;
import io.ramgrants.observability.OperatorMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {
    private final OperatorSettings defaults = OperatorSettings.defaults(new OperatorMetrics(new SimpleMeterRegistry()));

    @Test
    void aWitherChangesItsFieldAndKeepsEveryOther() {
        OperatorSettings changed = defaults.withLabelSelector("shard=a").withResync(Duration.ofMinutes(3), Duration.ofSeconds(1));

        assertThat(changed.labelSelector()).isEqualTo("shard=a");
        assertThat(changed.resyncPeriod()).isEqualTo(Duration.ofMinutes(3));
        assertThat(changed.firstRetry()).isEqualTo(Duration.ofSeconds(1));
        assertThat(changed.toBuilder().labelSelector(null).resyncPeriod(defaults.resyncPeriod())
                .firstRetry(defaults.firstRetry()).build()).isEqualTo(defaults);
    }

    @Test
    void theBuilderValidatesAsTheRecordDoes() {
        assertThatThrownBy(() -> defaults.toBuilder().resyncPeriod(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(defaults.toBuilder().labelSelector(" ").watchNamespaces(Set.of("a")).build().labelSelector()).isNull();
    }

    @Test
    void guardsDerivedFromTheEnvironmentFollowANewOneAndExplicitGuardsStay() {
        CredentialEnvironment other = new CredentialEnvironment(
                Map.of(CredentialEnvironment.OIDC_TOKEN_FILE, "/var/run/elsewhere/token"));
        assertThat(defaults.withEnvironment(other).accountGuards()).isEqualTo(AccountGuards.defaults(other));

        AccountGuards explicit = defaults.accountGuards().withSecretNamespaces(Set.of("ops"));
        assertThat(defaults.withAccountGuards(explicit).withEnvironment(other).accountGuards()).isEqualTo(explicit);
    }
}
