package io.ramgrants.controller.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ramgrants.accounts.AccountHandle;
import io.ramgrants.accounts.AccountReason;
import io.ramgrants.accounts.AccountRegistry;
import io.ramgrants.accounts.StaticSecretCredentials;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.Infrastructure;
import io.ramgrants.desired.OwnerRef;
import io.ramgrants.engine.batch.ObservationSettings;
import io.ramgrants.engine.batch.SharedObservation;
import io.ramgrants.ram.AccessKeyCredentials;
import io.ramgrants.ram.AccountEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An account that becomes ready while a grant's pass is reading the registry must re-queue
 * that grant: the pass saw the old view, and nothing else would wake it before the resync.
 */
class AccountWakeUpTest {
    private static final String OWNER_ACCOUNT = "2222222222222222";
    private static final String ACCESSOR_ACCOUNT = "1111111111111111";

    @Test
    void anAccountReadyWhileThePassReadsTheRegistryRequeuesTheGrant() throws Exception {
        AccountRegistry registry = new AccountRegistry((id, endpoint, credentials) -> {
            throw new AssertionError("a blocked pass builds no RAM gateway");
        });
        registry.put(handle(AccountReason.CredentialsUnavailable));
        CountDownLatch admissionRead = new CountDownLatch(1);
        CountDownLatch accountChanged = new CountDownLatch(1);
        AccountGate pausing = new AccountGate(registry) {
            @Override
            Admission admit(HasMetadata grant) {
                Admission admission = super.admit(grant);
                admissionRead.countDown();
                await(accountChanged);
                return admission;
            }
        };
        AccountUsage usage = new AccountUsage();
        List<OwnerRef> requeued = new CopyOnWriteArrayList<>();
        new AccountRequeue(registry, usage).onChange(requeued::add);
        GrantWorkflow workflow = new GrantWorkflow(registry, pausing, new RoleClaimIndex(), usage, Precondition.NONE,
                new SharedObservation(ObservationSettings.perRole(), Duration.ofMinutes(10), Clock.systemUTC()),
                AccountSlots.unlimited());
        DmsAccessRole grant = Grants.dmsAccess("access", "dms-access", "acct-b", ACCESSOR_ACCOUNT);
        grant.getMetadata().setNamespace("team");

        CompletableFuture<PassOutcome> pass = CompletableFuture.supplyAsync(() -> workflow.reconcile(grant, grant.getSpec()));
        assertThat(admissionRead.await(10, TimeUnit.SECONDS)).isTrue();
        registry.put(handle(AccountReason.Verified));
        accountChanged.countDown();

        PassOutcome outcome = pass.get(10, TimeUnit.SECONDS);
        assertThat(outcome.verdict().reason()).isEqualTo(GrantReasons.ACCOUNT_NOT_READY);
        assertThat(requeued).containsExactly(OwnerRef.of(grant));

        requeued.clear();
        registry.put(handle(AccountReason.CredentialsUnavailable));
        assertThat(requeued).as("after the pass, the recorded usage still finds the grant").containsExactly(OwnerRef.of(grant));
        registry.put(new AccountHandle("unrelated", "3333333333333333", null, Infrastructure.Public, List.of(), List.of(),
                null, AccountReason.CredentialsUnavailable, "not ready", null));
        assertThat(requeued).as("an account the grant never read re-queues nobody once the pass is over")
                .containsExactly(OwnerRef.of(grant));
    }

    private static AccountHandle handle(AccountReason reason) {
        boolean ready = reason == AccountReason.Verified;
        return new AccountHandle("acct-b", OWNER_ACCOUNT, AccountEndpoint.publicCloud(), Infrastructure.Public,
                List.of(), List.of(ACCESSOR_ACCOUNT), ready ? new StaticSecretCredentials(AccessKeyCredentials.permanent("AK", "SK")) : null,
                reason, ready ? "credentials verified" : "not ready", ready ? "acs:ram::" + OWNER_ACCOUNT + ":root" : null);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the account never changed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
