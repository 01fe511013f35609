package io.ramgrants.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.aliyun.ram20150501.models.AttachPolicyToRoleRequest;
import com.aliyun.ram20150501.models.CreateRoleRequest;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ramgrants.accounts.AssumeRoleCredentialProvider;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.controller.grant.GrantReasons;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.MutableClock;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.observability.KubernetesApiAccess;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.policy.PolicyDocument;
import io.ramgrants.policy.Principal;
import io.ramgrants.policy.Statement;
import io.ramgrants.ram.AccessKeyCredentials;
import io.ramgrants.ram.AccountEndpoint;
import io.ramgrants.ram.RamException;
import io.ramgrants.ram.RamGateway;
import io.ramgrants.ram.RamGateways;
import io.ramgrants.ram.StsGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #6, credential hygiene: a recognisable secret goes everywhere credentials go, and
 * must come out nowhere — not in a log line, event, status, exception message or CLI output.
 * Temporary credentials are refreshed before they expire, an expired one is retried once with
 * fresh ones, and the operator reads only the Secrets its accounts reference.
 */
class CredentialHygieneTest {
    static final String MARK = "SECRET-DO-NOT-LEAK-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;

    @Test
    void theSecretAppearsInNoLogEventStatusExceptionOrCliOutput() throws Exception {
        List<String> exposed = new ArrayList<>();
        try (OutputCapture output = new OutputCapture();
             RamEmulator emulator = RamEmulator.start(Fleet.emulatorAccounts(EmulatorConfig.builder(), MARK)
                     .threads(4).build(), 0);
             MockCluster cluster = new MockCluster()) {
            cluster.secret(Fleet.SECRETS_NAMESPACE, "unrelated", Map.of("password", MARK + "-unrelated"));
            cluster.secret("kube-system", "unrelated", Map.of("password", MARK + "-kube-system"));
            cluster.startOperator(MockCluster.settings(OperatorMetrics.discarding(), Duration.ofSeconds(30)));
            for (int i = 0; i < 3; i++) {
                cluster.fleetAccount(i, emulator.endpoint(), MARK);
            }
            AlibabaCloudAccount wrongKey = Fleet.account(3, emulator.endpoint());
            cluster.secret(Fleet.SECRETS_NAMESPACE, Fleet.secretName(3), Map.of("accessKeyId", Fleet.accessKeyId(3),
                    "accessKeySecret", MARK + "-wrong"));
            cluster.client.resource(wrongKey).create();
            AlibabaCloudAccount badToken = Fleet.account(4, emulator.endpoint());
            cluster.secret(Fleet.SECRETS_NAMESPACE, Fleet.secretName(4), Map.of("accessKeyId", Fleet.accessKeyId(4),
                    "accessKeySecret", Fleet.accessKeySecret(MARK, 4), "securityToken", MARK + "-token"));
            cluster.client.resource(badToken).create();

            List<CustomResource<?, GrantStatus>> grants = new ArrayList<>(Fleet.grants(3));
            grants.add(Fleet.dmsAccess("g-wrong-key", "hygiene-wrong", 3, 0));
            grants.add(Fleet.dmsAccess("g-bad-token", "hygiene-token", 4, 0));
            grants.forEach(cluster::create);
            grants.subList(0, 3).forEach(cluster::awaitTrue);
            cluster.awaitReason(grants.get(3), GrantReasons.ACCOUNT_NOT_READY);
            cluster.awaitReason(grants.get(4), GrantReasons.ACCOUNT_NOT_READY);

            RamGateway wrong = new RamGateways(EmulatorGateways.FAST_RETRIES, OperatorMetrics.discarding())
                    .ramGateway(Fleet.accountId(3), AccountEndpoint.both(emulator.endpoint()),
                            () -> AccessKeyCredentials.permanent(Fleet.accessKeyId(3), MARK + "-wrong"));
            RamException refused = catchThrowableOfType(RamException.class, () -> wrong.getRole("any"));
            exposed.add(String.valueOf(refused.getMessage()));
            exposed.add(String.valueOf(refused.getCause()));
            exposed.add(AccessKeyCredentials.permanent("LTAI", MARK).toString());

            for (CustomResource<?, GrantStatus> grant : grants) {
                exposed.add(Serialization.asJson(cluster.get(grant).getStatus()));
            }
            cluster.client.resources(AlibabaCloudAccount.class).list().getItems()
                    .forEach(a -> exposed.add(Serialization.asJson(a.getStatus())));
            exposed.add(Serialization.asJson(cluster.client.v1().events().inAnyNamespace().list()));

            Path manifest = Files.writeString(dir.resolve("all.yaml"), HostileInputTest.manifestOf(
                    Fleet.accounts(emulator.endpoint())) + HostileInputTest.yamlOf(secretWithMark())
                    + HostileInputTest.yamlOf(grants.get(0)));
            HostileInputTest.Plan plan = HostileInputTest.runPlan(manifest);
            assertThat(plan.exit()).isZero();
            exposed.add(plan.out());

            assertThat(cluster.events(grants.get(0))).as("events were recorded").isNotEmpty();
            assertThat(output.text()).as("the operator logged").contains(GrantReasons.CREATED).contains("g-wrong-key");
            exposed.add(output.text());
            assertOnlyReferencedSecretsWereRead(cluster);
        }
        assertThat(exposed).allSatisfy(text -> assertThat(text).doesNotContain(MARK));
    }

    /** Every Secret request names one referenced Secret; none lists Secrets, none touches the others. */
    static void assertOnlyReferencedSecretsWereRead(MockCluster cluster) throws InterruptedException {
        List<String> secretRequests = new ArrayList<>();
        for (var request = cluster.server.takeRequest(10, TimeUnit.MILLISECONDS); request != null;
             request = cluster.server.takeRequest(10, TimeUnit.MILLISECONDS)) {
            // Only reads: the POSTs and PUTs are this test creating Secrets.
            if (request.getPath().contains("/secrets") && request.getMethod().equals("GET")) {
                secretRequests.add(request.getMethod() + " " + request.getPath());
            }
        }
        List<String> referenced = List.of(Fleet.secretName(0), Fleet.secretName(1), Fleet.secretName(2),
                Fleet.secretName(3), Fleet.secretName(4));
        assertThat(secretRequests).as("requests for Secrets").isNotEmpty().allSatisfy(request -> {
            assertThat(request).doesNotContain("unrelated").doesNotContain("/api/v1/secrets")
                    .contains("/api/v1/namespaces/" + Fleet.SECRETS_NAMESPACE + "/secrets");
            assertThat(referenced).anyMatch(name -> request.contains("/secrets/" + name)
                    || request.contains("metadata.name%3D" + name) || request.contains("metadata.name=" + name));
        });
        assertThat(KubernetesApiAccess.REQUIRED).filteredOn(a -> a.resource().equals("secrets")).singleElement()
                .satisfies(a -> assertThat(a.verbs()).containsExactlyInAnyOrder("get", "list", "watch"));
    }

    static Secret secretWithMark() {
        return new SecretBuilder().withNewMetadata().withName(Fleet.secretName(0))
                .withNamespace(Fleet.SECRETS_NAMESPACE).endMetadata()
                .withStringData(Map.of("accessKeyId", Fleet.accessKeyId(0), "accessKeySecret", MARK)).build();
    }

    @Test
    void temporaryCredentialsAreRefreshedBeforeExpiryAndAnExpiredOneIsRetriedOnce() throws Exception {
        MutableClock ramClock = MutableClock.systemNow();
        MutableClock operatorClock = new MutableClock(ramClock.instant());
        try (RamEmulator emulator = RamEmulator.start(Fleet.emulatorAccounts(EmulatorConfig.builder(), MARK)
                .clock(ramClock).stsTokenTtl(Duration.ofMinutes(6)).threads(2).build(), 0)) {
            String roleArn = roleTrustingAccount(emulator, 0, 1);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            RamGateways gateways = new RamGateways(EmulatorGateways.FAST_RETRIES, new OperatorMetrics(meters));
            AccountEndpoint endpoint = AccountEndpoint.both(emulator.endpoint());
            StsGateway callerSts = gateways.stsGateway(Fleet.accountId(1), endpoint,
                    () -> AccessKeyCredentials.permanent(Fleet.userAccessKeyId(1), Fleet.accessKeySecret(MARK, 1) + "-user"));
            AssumeRoleCredentialProvider assumed = new AssumeRoleCredentialProvider(() -> callerSts, roleArn, "reliability", null,
                    Duration.ofHours(1), operatorClock);
            RamGateway ram = gateways.ramGateway(Fleet.accountId(0), endpoint, assumed);

            assertThat(ram.getRole("hygiene-assumer")).isPresent();
            assertThat(assumeRoleCalls(emulator)).isEqualTo(1);

            // 2 of 6 minutes later: less than 5 minutes remain, so the next call exchanges first.
            ramClock.advance(Duration.ofMinutes(2));
            operatorClock.advance(Duration.ofMinutes(2));
            assertThat(ram.getRole("hygiene-assumer")).isPresent();
            assertThat(assumeRoleCalls(emulator)).as("refreshed before expiry").isEqualTo(2);
            assertThat(attempts(meters, "credentials_expired")).as("no call ever met expired credentials").isZero();

            // RAM's clock runs ahead of ours: RAM finds the token expired although we did not expect it.
            ramClock.advance(Duration.ofMinutes(7));
            assertThat(ram.getRole("hygiene-assumer")).isPresent();
            assertThat(attempts(meters, "credentials_expired")).as("one call met expired credentials").isEqualTo(1);
            assertThat(assumeRoleCalls(emulator)).as("one fresh exchange, then the call was retried once").isEqualTo(3);
            Figures.print("temporary-credentials", "ttlMinutes=6", "assumeRoleCalls=" + assumeRoleCalls(emulator),
                    "expiredAttempts=" + attempts(meters, "credentials_expired"));
        }
    }

    /** A role in account {@code owner} that account {@code caller}'s root may assume, allowed to do anything. */
    static String roleTrustingAccount(RamEmulator emulator, int owner, int caller) throws Exception {
        var ram = RamInventory.client(emulator, Fleet.accessKeyId(owner), Fleet.accessKeySecret(MARK, owner));
        String trust = PolicyDocument.of(Statement.assumeRoleBy(Principal.of(
                List.of("acs:ram::" + Fleet.accountId(caller) + ":root"), List.of(), List.of()))).toJson();
        ram.createRole(new CreateRoleRequest().setRoleName("hygiene-assumer").setAssumeRolePolicyDocument(trust));
        ram.attachPolicyToRole(new AttachPolicyToRoleRequest().setPolicyType("System")
                .setPolicyName("AdministratorAccess").setRoleName("hygiene-assumer"));
        return "acs:ram::" + Fleet.accountId(owner) + ":role/hygiene-assumer";
    }

    static long assumeRoleCalls(RamEmulator emulator) {
        return Figures.count(emulator.callCounts(), "AssumeRole");
    }

    static long attempts(SimpleMeterRegistry meters, String result) {
        return meters.find("ramgrants.ram.calls").tag("result", result).timers().stream().mapToLong(Timer::count).sum();
    }
}
