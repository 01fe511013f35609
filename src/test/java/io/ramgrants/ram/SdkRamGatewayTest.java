package io.ramgrants.ram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.policy.PolicyDocument;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The SDK gateway against the emulator, which speaks RAM's protocol and error codes. */
class SdkRamGatewayTest {
    static final String ACCOUNT = "1111111111111111";
    static final String TRUST_DTS = "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"RAM\":[\"acs:ram::2222222222222222:root\"],"
            + "\"Service\":[\"2222222222222222@dts.aliyuncs.com\"]}}],\"Version\":\"1\"}";
    static final String TRUST_DMS = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"sts:AssumeRole\",\"Principal\":{\"Service\":\"2222222222222222@dms.aliyuncs.com\"}}]}";
    static final String POLICY_V1 = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"dms:LoginDatabase\"],\"Resource\":\"*\"}]}";
    static final String POLICY_V2 = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"dms:LoginDatabase\",\"vpc:DescribeVpcs\"],\"Resource\":\"*\"}]}";

    private static RamEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = RamEmulator.start(EmulatorConfig.builder().account(ACCOUNT, "AKID1", "secret1").seed(42L).build(), 0);
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    static SdkRamGateway gateway(RamClientSettings.Signature signature) {
        return new SdkRamGateway(ACCOUNT, URI.create(emulator.endpoint()),
                () -> AccessKeyCredentials.permanent("AKID1", "secret1"),
                RamClientSettings.defaults().withSignature(signature));
    }

    @ParameterizedTest
    @EnumSource(RamClientSettings.Signature.class)
    void roleLifecycle(RamClientSettings.Signature signature) {
        SdkRamGateway ram = gateway(signature);
        String name = "ram-for-dts-" + signature.name().toLowerCase();

        assertThat(ram.getRole(name)).isEmpty();

        RamRole created = ram.createRole(name, TRUST_DTS, "managed-by ramgrants.io ns/dts/a", 3600);
        assertThat(created.roleName()).isEqualTo(name);
        assertThat(created.arn()).isEqualToIgnoringCase("acs:ram::" + ACCOUNT + ":role/" + name);
        assertThat(created.roleId()).isNotBlank();
        assertThat(created.maxSessionDuration()).isEqualTo(3600);

        RamRole read = ram.getRole(name).orElseThrow();
        assertThat(read.description()).isEqualTo("managed-by ramgrants.io ns/dts/a");
        assertThat(PolicyDocument.parse(read.trustPolicyDocument())).isEqualTo(PolicyDocument.parse(TRUST_DTS));
        assertThat(read.createDate()).isNotBlank();

        expectKind(() -> ram.createRole(name, TRUST_DTS, null, null), RamErrorKind.ALREADY_EXISTS,
                "EntityAlreadyExists.Role");

        RamRole updated = ram.updateRole(name, TRUST_DMS, "changed", 3600);
        assertThat(updated.description()).isEqualTo("changed");
        assertThat(PolicyDocument.parse(ram.getRole(name).orElseThrow().trustPolicyDocument()))
                .isEqualTo(PolicyDocument.parse(TRUST_DMS));

        ram.deleteRole(name);
        assertThat(ram.getRole(name)).isEmpty();
        expectKind(() -> ram.deleteRole(name), RamErrorKind.NOT_FOUND, "EntityNotExist.Role");
        expectKind(() -> ram.updateRole(name, null, "x", null), RamErrorKind.NOT_FOUND, "EntityNotExist.Role");
    }

    @ParameterizedTest
    @EnumSource(RamClientSettings.Signature.class)
    void attachmentsAndTheirConflicts(RamClientSettings.Signature signature) {
        SdkRamGateway ram = gateway(signature);
        String name = "attach-" + signature.name().toLowerCase();
        ram.createRole(name, TRUST_DTS, null, null);

        assertThat(ram.listPoliciesForRole(name)).isEmpty();
        ram.attachPolicyToRole(PolicyType.System, "AliyunDTSRolePolicy", name);
        assertThat(ram.listPoliciesForRole(name))
                .containsExactly(new AttachedPolicy("AliyunDTSRolePolicy", PolicyType.System));
        expectKind(() -> ram.attachPolicyToRole(PolicyType.System, "AliyunDTSRolePolicy", name),
                RamErrorKind.ALREADY_EXISTS, "EntityAlreadyExists.Role.Policy");
        expectKind(() -> ram.deleteRole(name), RamErrorKind.CONFLICT, "DeleteConflict.Role.Policy");

        ram.detachPolicyFromRole(PolicyType.System, "AliyunDTSRolePolicy", name);
        expectKind(() -> ram.detachPolicyFromRole(PolicyType.System, "AliyunDTSRolePolicy", name),
                RamErrorKind.NOT_FOUND, null);
        expectKind(() -> ram.attachPolicyToRole(PolicyType.System, "NoSuchPolicy", name),
                RamErrorKind.NOT_FOUND, "EntityNotExist.Policy");
        expectKind(() -> ram.listPoliciesForRole("no-such-role"), RamErrorKind.NOT_FOUND, "EntityNotExist.Role");
        ram.deleteRole(name);
    }

    @ParameterizedTest
    @EnumSource(RamClientSettings.Signature.class)
    void customPolicyLifecycle(RamClientSettings.Signature signature) {
        SdkRamGateway ram = gateway(signature);
        String policy = "DmsCrossAccountPolicy-" + signature.name().toLowerCase();
        String role = "dms-" + signature.name().toLowerCase();

        assertThat(ram.getPolicy(PolicyType.Custom, policy)).isEmpty();
        RamPolicy created = ram.createPolicy(policy, POLICY_V1, "managed-by ramgrants.io ns/dms/a");
        assertThat(created.policyName()).isEqualTo(policy);
        assertThat(created.policyType()).isEqualTo(PolicyType.Custom);
        assertThat(created.defaultVersionId()).isEqualTo("v1");
        expectKind(() -> ram.createPolicy(policy, POLICY_V1, null), RamErrorKind.ALREADY_EXISTS,
                "EntityAlreadyExists.Policy");

        RamPolicy read = ram.getPolicy(PolicyType.Custom, policy).orElseThrow();
        assertThat(read.description()).isEqualTo("managed-by ramgrants.io ns/dms/a");
        assertThat(read.defaultVersionId()).isEqualTo("v1");
        assertThat(PolicyDocument.parse(read.defaultVersionDocument())).isEqualTo(PolicyDocument.parse(POLICY_V1));

        PolicyVersion v2 = ram.createPolicyVersion(policy, POLICY_V2, true);
        assertThat(v2.versionId()).isEqualTo("v2");
        assertThat(v2.isDefault()).isTrue();
        assertThat(ram.listPolicyVersions(PolicyType.Custom, policy))
                .extracting(PolicyVersion::versionId, PolicyVersion::isDefault)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("v1", false),
                        org.assertj.core.groups.Tuple.tuple("v2", true));
        assertThat(PolicyDocument.parse(ram.getPolicy(PolicyType.Custom, policy).orElseThrow()
                .defaultVersionDocument())).isEqualTo(PolicyDocument.parse(POLICY_V2));
        expectKind(() -> ram.deletePolicyVersion(policy, "v2"), RamErrorKind.CONFLICT,
                "DeleteConflict.Policy.Version.Default");
        ram.deletePolicyVersion(policy, "v1");
        expectKind(() -> ram.deletePolicyVersion(policy, "v1"), RamErrorKind.NOT_FOUND, null);

        ram.createRole(role, TRUST_DMS, null, null);
        ram.attachPolicyToRole(PolicyType.Custom, policy, role);
        assertThat(ram.listEntitiesForPolicy(PolicyType.Custom, policy).roleNames()).containsExactly(role);
        assertThat(ram.getPolicy(PolicyType.Custom, policy).orElseThrow().attachmentCount()).isEqualTo(1);
        expectKind(() -> ram.deletePolicy(policy), RamErrorKind.CONFLICT, null);

        ram.detachPolicyFromRole(PolicyType.Custom, policy, role);
        assertThat(ram.listEntitiesForPolicy(PolicyType.Custom, policy).isUnused()).isTrue();
        ram.deletePolicy(policy);
        assertThat(ram.getPolicy(PolicyType.Custom, policy)).isEmpty();
        expectKind(() -> ram.deletePolicy(policy), RamErrorKind.NOT_FOUND, "EntityNotExist.Policy");
        ram.deleteRole(role);
    }

    @Test
    void policyVersionLimitIsAConflict() {
        SdkRamGateway ram = gateway(RamClientSettings.Signature.ACS3);
        String policy = "FiveVersions";
        ram.createPolicy(policy, POLICY_V1, null);
        for (int i = 0; i < 4; i++) {
            ram.createPolicyVersion(policy, i % 2 == 0 ? POLICY_V2 : POLICY_V1, true);
        }

        expectKind(() -> ram.createPolicyVersion(policy, POLICY_V2, true), RamErrorKind.CONFLICT,
                "LimitExceeded.Policy.Version");
        assertThat(ram.listPolicyVersions(PolicyType.Custom, policy)).hasSize(5);
    }

    @Test
    void systemPoliciesAreReadable() {
        SdkRamGateway ram = gateway(RamClientSettings.Signature.V1);

        RamPolicy dts = ram.getPolicy(PolicyType.System, "AliyunDTSRolePolicy").orElseThrow();

        assertThat(dts.policyType()).isEqualTo(PolicyType.System);
        assertThat(dts.defaultVersionDocument()).contains("Statement");
        assertThat(ram.listEntitiesForPolicy(PolicyType.System, "AliyunDTSRolePolicy")).isNotNull();
        assertThat(ram.listPolicyVersions(PolicyType.System, "AliyunDTSRolePolicy")).isNotEmpty();
    }

    @Test
    void listRolesPagesWithMarkers() {
        SdkRamGateway ram = gateway(RamClientSettings.Signature.ACS3);
        List<String> names = List.of("page-a", "page-b", "page-c", "page-d", "page-e");
        names.forEach(n -> ram.createRole(n, TRUST_DTS, "paging", null));

        List<RamRole> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            RolePage page = ram.listRoles(marker, 2);
            assertThat(page.roles()).hasSizeLessThanOrEqualTo(2);
            seen.addAll(page.roles());
            marker = page.nextMarker();
            pages++;
        } while (marker != null);

        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(seen).extracting(RamRole::roleName).containsAll(names).doesNotHaveDuplicates();
        RamRole listed = seen.stream().filter(r -> r.roleName().equals("page-a")).findFirst().orElseThrow();
        assertThat(listed.trustPolicyDocument()).isNull();
        assertThat(listed.arn()).isNotBlank();
        assertThat(listed.description()).isEqualTo("paging");
        names.forEach(ram::deleteRole);
    }

    @Test
    void invalidInputIsTerminal() {
        SdkRamGateway ram = gateway(RamClientSettings.Signature.ACS3);

        expectKind(() -> ram.createRole("bad name!", TRUST_DTS, null, null), RamErrorKind.INVALID_INPUT, null);
        expectKind(() -> ram.createRole("x".repeat(65), TRUST_DTS, null, null), RamErrorKind.INVALID_INPUT, null);
        expectKind(() -> ram.createPolicy("Broken", "{not json", null), RamErrorKind.INVALID_INPUT, null);
    }

    @ParameterizedTest
    @EnumSource(RamClientSettings.Signature.class)
    void wrongSecretOrUnknownKeyIsAccessDenied(RamClientSettings.Signature signature) {
        RamClientSettings settings = RamClientSettings.defaults().withSignature(signature);
        URI endpoint = URI.create(emulator.endpoint());
        SdkRamGateway wrongSecret = new SdkRamGateway(ACCOUNT, endpoint,
                () -> AccessKeyCredentials.permanent("AKID1", "not-the-secret"), settings);
        SdkRamGateway unknownKey = new SdkRamGateway(ACCOUNT, endpoint,
                () -> AccessKeyCredentials.permanent("AKID-UNKNOWN", "secret1"), settings);

        RamException signature1 = expectKind(() -> wrongSecret.getRole("any"), RamErrorKind.ACCESS_DENIED,
                "SignatureDoesNotMatch");
        assertThat(signature1.getMessage()).doesNotContain("not-the-secret");
        expectKind(() -> unknownKey.getRole("any"), RamErrorKind.ACCESS_DENIED, null);
    }

    @Test
    void clientFollowsRotatedCredentials() {
        AccessKeyCredentials[] current = {AccessKeyCredentials.permanent("AKID1", "stale")};
        SdkRamGateway ram = new SdkRamGateway(ACCOUNT, URI.create(emulator.endpoint()), () -> current[0],
                RamClientSettings.defaults());
        expectKind(() -> ram.getRole("any"), RamErrorKind.ACCESS_DENIED, "SignatureDoesNotMatch");

        current[0] = AccessKeyCredentials.permanent("AKID1", "secret1");

        assertThat(ram.getRole("any")).isEmpty();
    }

    @Test
    void unreachableEndpointIsTransient() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SdkRamGateway ram = new SdkRamGateway(ACCOUNT, URI.create("http://127.0.0.1:" + closedPort + "/"),
                () -> AccessKeyCredentials.permanent("AKID1", "secret1"), RamClientSettings.defaults());

        RamException e = expectKind(() -> ram.getRole("any"), RamErrorKind.TRANSIENT, null);
        assertThat(e.retryable()).isTrue();
    }

    static RamException expectKind(ThrowingCallable call, RamErrorKind kind, String code) {
        RamException[] caught = new RamException[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(RamException.class, e -> {
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
            if (code != null) {
                assertThat(e.code()).isEqualTo(code);
            }
            caught[0] = e;
        });
        return caught[0];
    }
}
