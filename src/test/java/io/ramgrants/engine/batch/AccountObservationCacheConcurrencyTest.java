package io.ramgrants.engine.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.TrustPolicies;
import io.ramgrants.engine.ObservedRole;
import io.ramgrants.policy.PolicyDocument;
import io.ramgrants.ram.RamGateway;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Races between passes of one account, reproduced with latches inside the RAM calls. */
class AccountObservationCacheConcurrencyTest {
    private final BatchHarness harness = new BatchHarness();
    private final RamGateway ram = harness.gateways.gatewayFor(BatchHarness.A);

    @AfterEach
    void close() {
        harness.close();
    }

    /** A gateway that, for {@code method}, makes the call, then signals and waits before answering. */
    private RamGateway pausingAfter(String method, CountDownLatch called, CountDownLatch answer) {
        return (RamGateway) Proxy.newProxyInstance(RamGateway.class.getClassLoader(), new Class<?>[] {RamGateway.class},
                (proxy, m, args) -> {
                    Object result;
                    try {
                        result = m.invoke(ram, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (m.getName().equals(method)) {
                        called.countDown();
                        assertThat(answer.await(10, TimeUnit.SECONDS)).isTrue();
                    }
                    return result;
                });
    }

    private DesiredRole created(String name) {
        DesiredRole role = BatchHarness.dtsRole(name);
        harness.console.createRole(name, role.trustPolicy().toJson(), role.description(), null);
        return role;
    }

    @Test
    void aReadThatStartedBeforeAWriteDoesNotBringBackTheEntryTheWriteInvalidated() throws Exception {
        AccountObservationCache cache = new AccountObservationCache(BatchHarness.A, BatchHarness.SETTINGS, harness.clock);
        DesiredRole role = created("ram-for-dts");
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch written = new CountDownLatch(1);

        CompletableFuture<ObservedRole> slow = CompletableFuture.supplyAsync(
                () -> cache.observe(role, pausingAfter("getRole", read, written)));
        assertThat(read.await(10, TimeUnit.SECONDS)).isTrue();
        PolicyDocument newTrust = TrustPolicies.dtsTask("8888888888888888");
        ram.updateRole("ram-for-dts", newTrust.toJson(), null, null);
        cache.roleWritten("ram-for-dts");
        written.countDown();
        slow.get(10, TimeUnit.SECONDS);

        ObservedRole next = cache.observe(role, ram);
        assertThat(next.trustDocument()).as("read again after the write, not the read that raced it")
                .satisfies(doc -> assertThat(PolicyDocument.parse(doc)).isEqualTo(newTrust));
    }

    @Test
    void aSlowListingHoldsUpOnlyThePassThatReadsIt() throws Exception {
        AccountObservationCache cache = new AccountObservationCache(BatchHarness.A, BatchHarness.SETTINGS, harness.clock);
        DesiredRole first = created("first");
        DesiredRole second = created("second");
        cache.observe(first, ram);
        cache.observe(second, ram);
        harness.clock.advance(BatchHarness.SETTINGS.maxSnapshotAge().plus(Duration.ofSeconds(1)));
        CountDownLatch listing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        CompletableFuture<ObservedRole> reader = CompletableFuture.supplyAsync(
                () -> cache.observe(first, pausingAfter("listRoles", listing, release)));
        assertThat(listing.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            CompletableFuture<ObservedRole> other = CompletableFuture.supplyAsync(() -> cache.observe(second, ram));
            assertThat(other.get(5, TimeUnit.SECONDS).role()).as("served while the listing is still being read")
                    .isPresent();
            assertThat(reader).isNotDone();
        } finally {
            release.countDown();
        }
        assertThat(reader.get(10, TimeUnit.SECONDS).role()).isPresent();
    }
}
