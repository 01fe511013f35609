package io.ramgrants.controller.grant;

import static io.ramgrants.controller.grant.GrantOperatorHarness.A;
import static io.ramgrants.controller.grant.GrantOperatorHarness.TASK;
import static io.ramgrants.controller.grant.GrantOperatorHarness.condition;
import static io.ramgrants.controller.grant.GrantOperatorHarness.ready;
import static io.ramgrants.controller.grant.GrantOperatorHarness.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aliyun.ram20150501.Client;
import com.aliyun.ram20150501.models.AttachPolicyToRoleRequest;
import com.aliyun.ram20150501.models.CreatePolicyRequest;
import com.aliyun.teaopenapi.models.Config;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.ramgrants.accounts.TokenDirectories;
import io.ramgrants.api.AccountCredentials;
import io.ramgrants.api.AccountRef;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import io.ramgrants.api.AssumeRoleCredentials;
import io.ramgrants.api.CrossAccountDtsGrant;
import io.ramgrants.api.EndpointOverrides;
import io.ramgrants.api.OidcCredentials;
import io.ramgrants.controller.Conditions;
import io.ramgrants.emulator.StsTestDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RAM's 403 {@code NoPermission} through the whole operator: the account's identity is a role
 * (reached by AssumeRole, as the README advises) whose policy lacks {@code ram:AttachPolicyToRole}.
 * The grant stalls with a message naming that action, status and events show the role that was
 * created before the refusal, nothing retries hot, and fixing the policy in RAM is enough.
 */
class AccessDeniedE2eTest {
    static final Duration RESYNC = Duration.ofMillis(1500);
    static final String OPERATOR_ROLE = "ram-grant-operator";
    static final String OPERATOR_POLICY = "ram-grant-operator-policy";
    static final List<String> ALL_BUT_ATTACH = List.of("ram:GetRole", "ram:CreateRole", "ram:UpdateRole",
            "ram:DeleteRole", "ram:ListRoles", "ram:ListPoliciesForRole", "ram:DetachPolicyFromRole", "ram:GetPolicy",
            "ram:CreatePolicy", "ram:CreatePolicyVersion", "ram:ListPolicyVersions", "ram:DeletePolicyVersion",
            "ram:DeletePolicy", "ram:ListEntitiesForPolicy", "ram:ListPolicies");
    static final String TASK_RRSA_ROLE = "task-rrsa";
    static final String TASK_OIDC_PROVIDER = "acs:ram::" + TASK + ":oidc-provider/ack-rrsa";
    static GrantOperatorHarness k8s;
    static RamConsole adminOfA;
    @TempDir
    static Path tokens;

    @BeforeAll
    static void start() throws Exception {
        k8s = new GrantOperatorHarness(RESYNC, s -> s.withAccountGuards(
                s.accountGuards().withTokenDirectories(TokenDirectories.of(List.of(tokens)))));
        adminOfA = new RamConsole(k8s.emulator, "LTAI-a", secret("a"));
        Client ram = new Client(new Config().setAccessKeyId("LTAI-a").setAccessKeySecret(secret("a"))
                .setEndpoint("127.0.0.1:" + k8s.emulator.port()).setProtocol("HTTP"));
        adminOfA.createRole(OPERATOR_ROLE, "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"sts:AssumeRole\",\"Principal\":{\"RAM\":[\"acs:ram::" + TASK + ":root\"]}}]}",
                "assumed by ram-grant-operator");
        ram.createPolicy(new CreatePolicyRequest().setPolicyName(OPERATOR_POLICY).setPolicyDocument(policy(ALL_BUT_ATTACH)));
        ram.attachPolicyToRole(new AttachPolicyToRoleRequest().setPolicyType("Custom").setPolicyName(OPERATOR_POLICY)
                .setRoleName(OPERATOR_ROLE));

        k8s.account("acct-task", TASK, "LTAI-task-user", secret("task-user"));
        k8s.client.resource(assumedAccount("acct-a-operator", A, "acct-task")).create();
        k8s.awaitAccountReady("acct-task");
        k8s.awaitAccountReady("acct-a-operator");
    }

    @AfterAll
    static void stop() {
        k8s.assertNoSecretLeaked();
        k8s.close();
    }

    @Test
    void aMissingPermissionStallsWithTheActionNamedAndHealsOnceGranted() {
        CrossAccountDtsGrant grant = k8s.create(Grants.dts("denied", "dts-denied", "acct-a-operator", TASK));

        CrossAccountDtsGrant stalled = k8s.awaitReason(grant, GrantReasons.RAM_ACCESS_DENIED);
        assertThat(ready(stalled).getStatus()).isEqualTo(Conditions.FALSE);
        assertThat(condition(stalled, Conditions.STALLED).getStatus()).isEqualTo(Conditions.TRUE);
        assertThat(ready(stalled).getMessage())
                .contains("ram:AttachPolicyToRole", A, "AttachPolicy System/AliyunDTSRolePolicy to dts-denied")
                .doesNotContain("RequestId");
        assertThat(stalled.getStatus().lastDriftCorrection.actions).containsExactly("CreateRole dts-denied in " + A);
        assertThat(stalled.getStatus().plan)
                .containsExactly("AttachPolicy System/AliyunDTSRolePolicy to dts-denied in " + A);
        assertThat(stalled.getStatus().roles).singleElement().satisfies(role -> assertThat(role.state).isEqualTo("Failed"));
        assertThat(k8s.eventReasons("denied")).contains("RoleCreated", GrantReasons.RAM_ACCESS_DENIED);
        assertThat(k8s.events("denied")).filteredOn(e -> GrantReasons.RAM_ACCESS_DENIED.equals(e.getReason()))
                .extracting(Event::getMessage).singleElement().asString().contains("NoPermission");
        assertThat(adminOfA.roleExists("dts-denied")).isTrue();
        assertThat(adminOfA.attachedPolicies("dts-denied")).isEmpty();

        assertNoHotRetry();

        adminOfA.newDefaultPolicyVersion(OPERATOR_POLICY,
                policy(Stream.concat(ALL_BUT_ATTACH.stream(), Stream.of("ram:AttachPolicyToRole")).toList()));
        CrossAccountDtsGrant healed = k8s.awaitGrant(grant, g -> Conditions.TRUE.equals(ready(g).getStatus()),
                "Ready once the permission is granted");
        assertThat(healed.getMetadata().getGeneration()).isEqualTo(stalled.getMetadata().getGeneration());
        assertThat(ready(healed).getReason()).isEqualTo(GrantReasons.DRIFT_CORRECTED);
        assertThat(adminOfA.attachedPolicies("dts-denied")).containsExactly("AliyunDTSRolePolicy");
        assertThat(k8s.events("denied")).filteredOn(e -> GrantReasons.RAM_ACCESS_DENIED.equals(e.getReason())).hasSize(1);
    }

    /**
     * A refused pass is repeated at the resync period, not in a loop: three more refusals span at
     * least two whole periods (less their jitter).
     */
    private static void assertNoHotRetry() {
        long before = attachCalls();
        Instant start = Instant.now();
        await("three more attempts").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> attachCalls() >= before + 3);
        assertThat(Duration.between(start, Instant.now())).as("three retries of a refused write")
                .isGreaterThan(RESYNC.multipliedBy(2).minusMillis(400));
    }

    private static long attachCalls() {
        return k8s.calls(A).getOrDefault("AttachPolicyToRole", 0L);
    }

    private static String policy(List<String> actions) {
        return "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\""
                + String.join("\",\"", actions) + "\"],\"Resource\":\"*\"}]}";
    }

    private static AlibabaCloudAccount rrsaAccount(String name, String accountId) throws java.io.IOException {
        Path token = Files.writeString(tokens.resolve(name + ".token"), StsTestDocuments.jwt(Instant.now().plusSeconds(3600)));
        AlibabaCloudAccountSpec spec = new AlibabaCloudAccountSpec();
        spec.accountId = accountId;
        spec.credentials = new AccountCredentials();
        spec.credentials.oidc = new OidcCredentials();
        spec.credentials.oidc.roleArn = "acs:ram::" + accountId + ":role/" + TASK_RRSA_ROLE;
        spec.credentials.oidc.oidcProviderArn = TASK_OIDC_PROVIDER;
        spec.credentials.oidc.tokenFile = token.toString();
        spec.endpoint = new EndpointOverrides();
        spec.endpoint.ram = k8s.emulator.endpoint();
        spec.endpoint.sts = k8s.emulator.endpoint();
        AlibabaCloudAccount account = new AlibabaCloudAccount();
        account.setMetadata(new ObjectMetaBuilder().withName(name).build());
        account.setSpec(spec);
        return account;
    }

    /** An account reached by assuming {@value #OPERATOR_ROLE} in it with the credentials of {@code via}. */
    private static AlibabaCloudAccount assumedAccount(String name, String accountId, String via) {
        AlibabaCloudAccountSpec spec = new AlibabaCloudAccountSpec();
        spec.accountId = accountId;
        spec.credentials = new AccountCredentials();
        spec.credentials.assumeRole = new AssumeRoleCredentials();
        spec.credentials.assumeRole.roleArn = "acs:ram::" + accountId + ":role/" + OPERATOR_ROLE;
        spec.credentials.assumeRole.sessionName = "ram-grant-operator";
        spec.credentials.assumeRole.via = new AccountRef(via);
        spec.endpoint = new EndpointOverrides();
        spec.endpoint.ram = k8s.emulator.endpoint();
        spec.endpoint.sts = k8s.emulator.endpoint();
        AlibabaCloudAccount account = new AlibabaCloudAccount();
        account.setMetadata(new ObjectMetaBuilder().withName(name).build());
        account.setSpec(spec);
        return account;
    }
}
