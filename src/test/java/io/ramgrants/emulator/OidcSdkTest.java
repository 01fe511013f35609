package io.ramgrants.emulator;

import static io.ramgrants.emulator.Fixtures.ACCOUNT_A;
import static io.ramgrants.emulator.Fixtures.ACCOUNT_B;
import static io.ramgrants.emulator.Fixtures.AK_B;
import static io.ramgrants.emulator.Fixtures.SECRET_B;
import static io.ramgrants.emulator.StsTestDocuments.jwt;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.ram20150501.models.CreateRoleRequest;
import com.aliyun.sts20150401.Client;
import com.aliyun.sts20150401.models.AssumeRoleWithOIDCRequest;
import com.aliyun.sts20150401.models.AssumeRoleWithOIDCResponseBody;
import com.aliyun.teaopenapi.models.Config;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RRSA's exchange: AssumeRoleWithOIDC, called anonymously, trusted through a Federated principal. */
class OidcSdkTest {
    private static final String PROVIDER = "acs:ram::" + ACCOUNT_B + ":oidc-provider/ack-rrsa-c123";
    private static final String ISSUER = "https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/c123";
    private static final String ROLE_ARN = "acs:ram::" + ACCOUNT_B + ":role/pod-role";
    private static RamEmulator emu;
    private static Client anonymous;

    @BeforeAll
    static void start() throws Exception {
        emu = RamEmulator.start(Fixtures.twoAccounts().oidcProvider(ACCOUNT_B, "ack-rrsa-c123", "sts.aliyuncs.com")
                .oidcProvider(ACCOUNT_B, "other-cluster", "some-other-client").build(), 0);
        Sdk.ram(emu, AK_B, SECRET_B, Sdk.Signing.ACS3).createRole(new CreateRoleRequest().setRoleName("pod-role")
                .setAssumeRolePolicyDocument("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                        + "\"Principal\":{\"Federated\":[\"" + PROVIDER + "\"]},\"Condition\":{\"StringEquals\":{"
                        + "\"oidc:aud\":\"sts.aliyuncs.com\",\"oidc:iss\":\"" + ISSUER + "\","
                        + "\"oidc:sub\":\"system:serviceaccount:ns:operator\"}}}]}"));
        anonymous = new Client(new Config().setEndpoint("127.0.0.1:" + emu.port()).setProtocol("HTTP"));
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    private static AssumeRoleWithOIDCRequest request(String provider, String token) {
        return new AssumeRoleWithOIDCRequest().setOIDCProviderArn(provider).setRoleArn(ROLE_ARN)
                .setOIDCToken(token).setRoleSessionName("operator-pod");
    }

    private static String validToken() {
        return jwt(ISSUER, "system:serviceaccount:ns:operator", Instant.now().plusSeconds(3600));
    }

    @Test
    void anonymousExchangeYieldsCredentialsOfTheRolesAccount() throws Exception {
        emu.resetCounters();
        AssumeRoleWithOIDCResponseBody body = anonymous.assumeRoleWithOIDC(request(PROVIDER, validToken())).body;
        assertThat(body.credentials.accessKeyId).startsWith("STS.");
        assertThat(body.OIDCTokenInfo.issuer).isEqualTo(ISSUER);
        assertThat(body.OIDCTokenInfo.subject).isEqualTo("system:serviceaccount:ns:operator");
        assertThat(body.OIDCTokenInfo.clientIds).isEqualTo("sts.aliyuncs.com");
        assertThat(body.assumedRoleUser.arn).isEqualTo(ROLE_ARN + "/operator-pod");
        var id = Sdk.sts(emu, body.credentials.accessKeyId, body.credentials.accessKeySecret, body.credentials.securityToken)
                .getCallerIdentity().body;
        assertThat(id.accountId).isEqualTo(ACCOUNT_B);
        assertThat(id.identityType).isEqualTo("AssumedRoleUser");
        assertThat(emu.callCounts()).containsOnlyKeys(ACCOUNT_B);
        assertThat(emu.callCounts().get(ACCOUNT_B)).containsEntry("AssumeRoleWithOIDC", 1L).containsEntry("GetCallerIdentity", 1L);
    }

    /** STS answers 401 AuthenticationFail.* for every refused exchange (STS error-code reference). */
    @Test
    void providerTokenAudienceAndTrustAreChecked() {
        Sdk.assertError(() -> anonymous.assumeRoleWithOIDC(request("acs:ram::" + ACCOUNT_A + ":oidc-provider/ack-rrsa-c123",
                validToken())), "AuthenticationFail.NoPermission", 401);
        Sdk.assertError(() -> anonymous.assumeRoleWithOIDC(request(PROVIDER.replace("c123", "unregistered"), validToken())),
                "AuthenticationFail.NoPermission", 401);
        // Registered, but its client IDs do not include the token's aud.
        Sdk.assertError(() -> anonymous.assumeRoleWithOIDC(request("acs:ram::" + ACCOUNT_B + ":oidc-provider/other-cluster",
                validToken())), "AuthenticationFail.OIDCToken.AudienceNotMatch", 401);
        Sdk.assertError(() -> anonymous.assumeRoleWithOIDC(request(PROVIDER,
                jwt(ISSUER, "system:serviceaccount:ns:intruder", Instant.now().plusSeconds(3600)))),
                "AuthenticationFail.NoPermission", 401);
        Sdk.assertError(() -> anonymous.assumeRoleWithOIDC(request(PROVIDER, "not-a-jwt")),
                "AuthenticationFail.OIDCToken.Invalid", 401);
        Sdk.assertError(() -> anonymous.assumeRoleWithOIDC(request(PROVIDER,
                jwt(ISSUER, "system:serviceaccount:ns:operator", Instant.now().minusSeconds(10)))),
                "AuthenticationFail.OIDCToken.Expired", 401);
    }
}
