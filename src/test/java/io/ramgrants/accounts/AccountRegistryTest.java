package io.ramgrants.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramgrants.api.Infrastructure;
import io.ramgrants.ram.AccessKeyCredentials;
import io.ramgrants.ram.AccountEndpoint;
import io.ramgrants.ram.CredentialProvider;
import io.ramgrants.ram.RamGateway;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AccountRegistryTest {
    static final String PROD = "1000000000000001";
    static final String DEV = "2000000000000002";

    final AtomicInteger gatewaysBuilt = new AtomicInteger();
    final AccountRegistry registry = new AccountRegistry((accountId, endpoint, credentials) -> {
        gatewaysBuilt.incrementAndGet();
        return IdOnlyRamGateway.of(accountId);
    });
    final List<String> changes = Collections.synchronizedList(new ArrayList<>());

    static CredentialProvider keys(String id) {
        return new StaticSecretCredentials(AccessKeyCredentials.permanent(id, "SECRET-DO-NOT-LEAK-" + id));
    }

    static AccountHandle ready(String name, String accountId, CredentialProvider credentials, List<String> namespaces,
                               List<String> trustable) {
        return new AccountHandle(name, accountId, AccountEndpoint.publicCloud(), Infrastructure.Public, namespaces,
                trustable, credentials, AccountReason.Verified, "credentials verified", "acs:ram::" + accountId + ":root");
    }

    static AccountHandle notReady(String name, String accountId, AccountReason reason) {
        return new AccountHandle(name, accountId, null, Infrastructure.Public, List.of(), List.of(), null, reason,
                "not ready", null);
    }

    @Test
    void findsAccountsByNameAndByAccountIdPreferringReadyOnes() {
        registry.put(notReady("a-prod-broken", PROD, AccountReason.SecretNotFound));
        registry.put(ready("b-prod", PROD, keys("k1"), List.of(), List.of()));

        assertThat(registry.byName("a-prod-broken")).map(AccountHandle::ready).contains(false);
        assertThat(registry.byAccountId(PROD)).map(AccountHandle::name).contains("b-prod");
        assertThat(registry.byAccountId(DEV)).isEmpty();
        assertThat(registry.isReady("b-prod")).isTrue();
        assertThat(registry.isReady("a-prod-broken")).isFalse();
        assertThat(registry.isReady("missing")).isFalse();
    }

    @Test
    void emptyAllowedNamespacesMeansEveryNamespace() {
        registry.put(ready("open", PROD, keys("k1"), List.of(), List.of()));
        registry.put(ready("restricted", DEV, keys("k2"), List.of("team-a"), List.of()));

        assertThat(registry.mayUse("open", "anything")).isTrue();
        assertThat(registry.mayUse("restricted", "team-a")).isTrue();
        assertThat(registry.mayUse("restricted", "team-b")).isFalse();
        assertThat(registry.mayUse("missing", "team-a")).isFalse();
    }

    @Test
    void emptyTrustableAccountsMeansAnyAccountKnownToTheCluster() {
        registry.put(ready("open", PROD, keys("k1"), List.of(), List.of()));
        registry.put(notReady("dev", DEV, AccountReason.SecretNotFound));
        registry.put(ready("strict", "3000000000000003", keys("k3"), List.of(), List.of("4000000000000004")));

        assertThat(registry.mayTrust("open", DEV)).isTrue();
        assertThat(registry.mayTrust("open", "9999999999999999")).isFalse();
        assertThat(registry.mayTrust("strict", "4000000000000004")).isTrue();
        assertThat(registry.mayTrust("strict", DEV)).isFalse();
    }

    @Test
    void listenersHearOnlyRealChanges() {
        registry.addListener(changes::add);
        CredentialProvider credentials = keys("k1");

        registry.put(ready("prod", PROD, credentials, List.of(), List.of()));
        registry.put(ready("prod", PROD, credentials, List.of(), List.of()));
        registry.put(ready("prod", PROD, credentials, List.of("team-a"), List.of()));
        registry.put(notReady("prod", PROD, AccountReason.StsUnavailable));
        registry.remove("prod");
        registry.remove("prod");

        assertThat(changes).containsExactly("prod", "prod", "prod", "prod");
    }

    @Test
    void gatewayIsBuiltOncePerCredentialsAndRebuiltWhenTheyChange() {
        CredentialProvider credentials = keys("k1");
        registry.put(ready("prod", PROD, credentials, List.of(), List.of()));

        RamGateway first = registry.ramGateway("prod");
        registry.put(ready("prod", PROD, credentials, List.of(), List.of()));
        assertThat(registry.ramGateway("prod")).isSameAs(first);

        registry.put(ready("prod", PROD, keys("k1-rotated"), List.of(), List.of()));
        RamGateway rotated = registry.ramGateway("prod");

        assertThat(rotated).isNotSameAs(first);
        assertThat(rotated.accountId()).isEqualTo(PROD);
        assertThat(gatewaysBuilt).hasValue(2);
    }

    @Test
    void noGatewayForAnAccountThatIsNotReady() {
        registry.put(notReady("prod", PROD, AccountReason.IdentityMismatch));

        assertThatThrownBy(() -> registry.ramGateway("prod"))
                .isInstanceOfSatisfying(AccountNotReadyException.class,
                        e -> assertThat(e.reason()).isEqualTo(AccountReason.IdentityMismatch));
        assertThatThrownBy(() -> registry.ramGateway("missing")).hasMessageContaining("does not exist");
    }

    @Test
    void concurrentWritersAndReadersSeeConsistentHandles() {
        registry.addListener(changes::add);
        IntStream.range(0, 200).parallel().forEach(i -> {
            String name = "acct-" + (i % 10);
            registry.put(ready(name, PROD, keys("k" + i), List.of(), List.of()));
            assertThat(registry.ramGateway(name).accountId()).isEqualTo(PROD);
            assertThat(registry.byAccountId(PROD)).isPresent();
        });

        assertThat(changes).hasSize(200);
        assertThat(IntStream.range(0, 10).mapToObj(i -> "acct-" + i)).allMatch(registry::isReady);
    }
}
