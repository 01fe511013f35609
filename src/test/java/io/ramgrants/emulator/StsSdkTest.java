package io.ramgrants.emulator;

import static io.ramgrants.emulator.Fixtures.ACCOUNT_A;
import static io.ramgrants.emulator.Fixtures.ACCOUNT_B;
import static io.ramgrants.emulator.Fixtures.AK_A;
import static io.ramgrants.emulator.Fixtures.AK_B;
import static io.ramgrants.emulator.Fixtures.SECRET_A;
import static io.ramgrants.emulator.Fixtures.SECRET_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.ram20150501.models.AttachPolicyToRoleRequest;
import com.aliyun.ram20150501.models.CreateRoleRequest;
import com.aliyun.ram20150501.models.GetRoleRequest;
import com.aliyun.sts20150401.models.AssumeRoleRequest;
import com.aliyun.sts20150401.models.AssumeRoleResponseBody;
import com.aliyun.sts20150401.models.GetCallerIdentityResponseBody;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** STS through the real STS SDK: caller identity, AssumeRole trust, temporary credentials. */
class StsSdkTest {
    private static final MutableClock CLOCK = MutableClock.systemNow();
    private static RamEmulator emu;

    @BeforeAll
    static void start() throws Exception {
        emu = RamEmulator.start(Fixtures.twoAccounts()
                .user(ACCOUNT_B, "operator", "AKID-B-USER", "secret-b-user", "AliyunSTSAssumeRoleAccess").clock(CLOCK).stsTokenTtl(Duration.ofMinutes(5)).build(), 0);
        var ramB = Sdk.ram(emu, AK_B, SECRET_B, Sdk.Signing.ACS3);
        createRole(ramB, "admin-for-a", Fixtures.trustFor(ACCOUNT_A), "AliyunRAMFullAccess");
        createRole(ramB, "reader-for-a", Fixtures.trustFor(ACCOUNT_A), "AliyunRAMReadOnlyAccess");
        createRole(ramB, "service-only", "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                + "\"Principal\":{\"Service\":[\"" + ACCOUNT_A + "@dts.aliyuncs.com\"]}}]}", null);
        createRole(ramB, "with-external-id", "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                + "\"Principal\":{\"RAM\":[\"" + ACCOUNT_A + "\"]},\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"abc\"}}}]}",
                null);
        createRole(ramB, "trusts-self", Fixtures.trustFor(ACCOUNT_B), null);
    }

    private static void createRole(com.aliyun.ram20150501.Client ram, String name, String trust, String systemPolicy)
            throws Exception {
        ram.createRole(new CreateRoleRequest().setRoleName(name).setAssumeRolePolicyDocument(trust));
        if (systemPolicy != null) {
            ram.attachPolicyToRole(new AttachPolicyToRoleRequest().setRoleName(name).setPolicyType("System")
                    .setPolicyName(systemPolicy));
        }
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @BeforeEach
    void syncClock() {
        CLOCK.set(Instant.now());
    }

    private static String roleArn(String name) {
        return "acs:ram::" + ACCOUNT_B + ":role/" + name;
    }

    private static AssumeRoleResponseBody assume(String role) throws Exception {
        return Sdk.sts(emu, Fixtures.AK_USER_A, Fixtures.SECRET_USER_A, null).assumeRole(new AssumeRoleRequest().setRoleArn(roleArn(role))
                .setRoleSessionName("ramgrants")).body;
    }

    /** "Roles may not be assumed by root accounts" (STS common errors): RAM-user keys only. */
    @Test
    void rootKeysMayNotAssumeRoles() {
        Sdk.assertError(() -> Sdk.sts(emu, AK_A, SECRET_A, null).assumeRole(new AssumeRoleRequest()
                .setRoleArn(roleArn("admin-for-a")).setRoleSessionName("ramgrants")), "NoPermission", 403);
    }

    @Test
    void callerIdentityOfARamUser() throws Exception {
        GetCallerIdentityResponseBody id = Sdk.sts(emu, Fixtures.AK_USER_A, Fixtures.SECRET_USER_A, null)
                .getCallerIdentity().body;
        assertThat(id.identityType).isEqualTo("RAMUser");
        assertThat(id.accountId).isEqualTo(ACCOUNT_A);
        assertThat(id.arn).isEqualTo("acs:ram::" + ACCOUNT_A + ":user/" + Fixtures.USER_A);
        assertThat(id.userId).matches("\\d{15,}").isEqualTo(id.principalId);
    }

    /** A RAM user's key may do what its attached policies allow, and nothing more (like a role session). */
    @Test
    void ramUserPermissionsComeFromItsPolicies() throws Exception {
        var userRam = Sdk.ram(emu, Fixtures.AK_USER_A, Fixtures.SECRET_USER_A, Sdk.Signing.ACS3);
        Sdk.assertError(() -> userRam.getRole(new com.aliyun.ram20150501.models.GetRoleRequest().setRoleName("x")),
                "NoPermission", 403);
        Sdk.ram(emu, AK_A, SECRET_A, Sdk.Signing.ACS3).attachPolicyToUser(
                new com.aliyun.ram20150501.models.AttachPolicyToUserRequest().setUserName(Fixtures.USER_A)
                        .setPolicyType("System").setPolicyName("AliyunRAMReadOnlyAccess"));
        try {
            Sdk.assertError(() -> userRam.getRole(new com.aliyun.ram20150501.models.GetRoleRequest().setRoleName("x")),
                    "EntityNotExist.Role", 404);
            Sdk.assertError(() -> userRam.createRole(new CreateRoleRequest().setRoleName("x")
                    .setAssumeRolePolicyDocument(Fixtures.trustFor(ACCOUNT_B))), "NoPermission", 403);
        } finally {
            Sdk.ram(emu, AK_A, SECRET_A, Sdk.Signing.ACS3).detachPolicyFromUser(
                    new com.aliyun.ram20150501.models.DetachPolicyFromUserRequest().setUserName(Fixtures.USER_A)
                            .setPolicyType("System").setPolicyName("AliyunRAMReadOnlyAccess"));
        }
    }

    @Test
    void callerIdentityOfARootKey() throws Exception {
        GetCallerIdentityResponseBody id = Sdk.sts(emu, AK_A, SECRET_A, null).getCallerIdentity().body;
        assertThat(id.accountId).isEqualTo(ACCOUNT_A);
        assertThat(id.identityType).isEqualTo("Account");
        assertThat(id.arn).isEqualTo("acs:ram::" + ACCOUNT_A + ":root");
        assertThat(id.userId).isEqualTo(ACCOUNT_A);
        assertThat(id.principalId).isEqualTo(ACCOUNT_A);
        assertThat(id.requestId).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(Sdk.Signing.class)
    void temporaryCredentialsActInTheRolesAccount(Sdk.Signing signing) throws Exception {
        AssumeRoleResponseBody assumed = assume("admin-for-a");
        AssumeRoleResponseBody.AssumeRoleResponseBodyCredentials creds = assumed.credentials;
        assertThat(creds.accessKeyId).startsWith("STS.");
        assertThat(creds.securityToken).isNotBlank();
        assertThat(Instant.parse(creds.expiration)).isEqualTo(CLOCK.instant().plus(Duration.ofMinutes(5)).truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS));
        assertThat(assumed.assumedRoleUser.arn).isEqualTo(roleArn("admin-for-a") + "/ramgrants");
        assertThat(assumed.assumedRoleUser.assumedRoleId).endsWith(":ramgrants");

        GetCallerIdentityResponseBody id = Sdk.sts(emu, creds.accessKeyId, creds.accessKeySecret, creds.securityToken)
                .getCallerIdentity().body;
        assertThat(id.accountId).isEqualTo(ACCOUNT_B);
        assertThat(id.identityType).isEqualTo("AssumedRoleUser");
        assertThat(id.arn).isEqualTo("acs:ram::" + ACCOUNT_B + ":assumed-role/admin-for-a/ramgrants");

        emu.resetCounters();
        String name = "made-by-session-" + signing;
        Sdk.ramWithToken(emu, creds.accessKeyId, creds.accessKeySecret, creds.securityToken, signing)
                .createRole(new CreateRoleRequest().setRoleName(name).setAssumeRolePolicyDocument(Fixtures.trustFor(ACCOUNT_A)));
        assertThat(emu.callCounts()).containsOnlyKeys(ACCOUNT_B);
        assertThat(Sdk.ram(emu, AK_B, SECRET_B, Sdk.Signing.ACS3).getRole(new GetRoleRequest().setRoleName(name))
                .body.role.arn).isEqualTo(roleArn(name.toLowerCase()));
        Sdk.assertError(() -> Sdk.ram(emu, AK_A, SECRET_A, Sdk.Signing.ACS3).getRole(new GetRoleRequest().setRoleName(name)),
                "EntityNotExist.Role", 404);
    }

    @ParameterizedTest
    @EnumSource(Sdk.Signing.class)
    void expiredOrUnknownTokensAreRejected(Sdk.Signing signing) throws Exception {
        AssumeRoleResponseBody.AssumeRoleResponseBodyCredentials creds = assume("admin-for-a").credentials;
        var ram = Sdk.ramWithToken(emu, creds.accessKeyId, creds.accessKeySecret, creds.securityToken, signing);
        CLOCK.advance(Duration.ofMinutes(6));
        Sdk.assertError(() -> ram.getRole(new GetRoleRequest().setRoleName("admin-for-a")), "InvalidSecurityToken.Expired", 400);
        var forged = Sdk.ramWithToken(emu, creds.accessKeyId, creds.accessKeySecret, "CAISforged", signing);
        Sdk.assertError(() -> forged.getRole(new GetRoleRequest().setRoleName("x")), "InvalidSecurityToken.Malformed", 400);
    }

    @Test
    void sessionPermissionsComeFromTheRolesPolicies() throws Exception {
        AssumeRoleResponseBody.AssumeRoleResponseBodyCredentials creds = assume("reader-for-a").credentials;
        var ram = Sdk.ramWithToken(emu, creds.accessKeyId, creds.accessKeySecret, creds.securityToken, Sdk.Signing.ACS3);
        assertThat(ram.getRole(new GetRoleRequest().setRoleName("reader-for-a")).body.role.roleName).isEqualTo("reader-for-a");
        Sdk.assertError(() -> ram.createRole(new CreateRoleRequest().setRoleName("nope")
                .setAssumeRolePolicyDocument(Fixtures.trustFor(ACCOUNT_A))), "NoPermission", 403);
        // A session needs sts:AssumeRole (AliyunSTSAssumeRoleAccess) to assume further.
        var sts = Sdk.sts(emu, creds.accessKeyId, creds.accessKeySecret, creds.securityToken);
        Sdk.assertError(() -> sts.assumeRole(new AssumeRoleRequest().setRoleArn(roleArn("trusts-self"))
                .setRoleSessionName("chain")), "NoPermission", 403);
    }

    @Test
    void trustPolicyDecidesWhoMayAssume() throws Exception {
        var sts = Sdk.sts(emu, Fixtures.AK_USER_A, Fixtures.SECRET_USER_A, null);
        Sdk.assertError(() -> assume("service-only"), "NoPermission", 403);
        Sdk.assertError(() -> assume("trusts-self"), "NoPermission", 403);
        Sdk.assertError(() -> assume("with-external-id"), "NoPermission", 403);
        assertThat(sts.assumeRole(new AssumeRoleRequest().setRoleArn(roleArn("with-external-id")).setExternalId("abc")
                .setRoleSessionName("ext")).body.credentials.accessKeyId).startsWith("STS.");
        Sdk.assertError(() -> assume("no-such-role"), "EntityNotExist.Role", 404);
        Sdk.assertError(() -> sts.assumeRole(new AssumeRoleRequest().setRoleArn(roleArn("admin-for-a"))
                .setRoleSessionName("s1").setDurationSeconds(899L)), "InvalidParameter.DurationSeconds", 400);
        Sdk.assertError(() -> sts.assumeRole(new AssumeRoleRequest().setRoleArn("arn:aws:iam::1:role/x")
                .setRoleSessionName("s1")), "InvalidParameter.RoleArn", 400);
        Sdk.assertError(() -> sts.assumeRole(new AssumeRoleRequest().setRoleArn(roleArn("admin-for-a"))
                .setRoleSessionName("x")), "InvalidParameter.RoleSessionName", 400);
        // B may assume its own role; the emulator keeps accounts apart.
        assertThat(Sdk.sts(emu, "AKID-B-USER", "secret-b-user", null).assumeRole(new AssumeRoleRequest().setRoleArn(roleArn("trusts-self"))
                .setRoleSessionName("self")).body.assumedRoleUser.arn).isEqualTo(roleArn("trusts-self") + "/self");
    }
}
