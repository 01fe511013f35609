package io.ramgrants.ram;

import static io.ramgrants.emulator.StsTestDocuments.jwt;
import static io.ramgrants.emulator.StsTestDocuments.trust;
import static io.ramgrants.ram.SdkRamGatewayTest.expectKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.MutableClock;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.observability.OperatorMetrics;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** STS over the SDK against the emulator: identity, AssumeRole chains, anonymous RRSA exchange. */
class SdkStsGatewayTest {
    private static final String OWNER = "1111111111111111";
    private static final String OPERATOR = "2222222222222222";
    private static final String OIDC_PROVIDER = "acs:ram::" + OWNER + ":oidc-provider/ack-rrsa";
    private static final RamClientSettings SETTINGS = RamClientSettings.defaults();
    private static final MutableClock CLOCK = MutableClock.systemNow();

    private static RamEmulator emulator;
    private static URI endpoint;
    private static SdkRamGateway ownerRam;

    @BeforeAll
    static void startEmulator() {
        emulator = RamEmulator.start(EmulatorConfig.builder()
                .account(OWNER, "AKID1", "secret1")
                // The operator's key is a RAM user's: STS refuses AssumeRole to root AccessKeys.
                .user(OPERATOR, "ramgrants-operator", "AKID2", "secret2", "AliyunSTSAssumeRoleAccess")
                .oidcProvider(OWNER, "ack-rrsa", "sts.aliyuncs.com")
                .stsTokenTtl(Duration.ofMinutes(5))
                .clock(CLOCK)
                .seed(7L)
                .build(), 0);
        endpoint = URI.create(emulator.endpoint());
        ownerRam = new SdkRamGateway(OWNER, endpoint, () -> AccessKeyCredentials.permanent("AKID1", "secret1"),
                SETTINGS);
        ownerRam.createRole("operator-access", trust("\"RAM\":[\"acs:ram::" + OPERATOR + ":root\"]"), null, null);
        ownerRam.attachPolicyToRole(PolicyType.System, "AdministratorAccess", "operator-access");
        ownerRam.createRole("rrsa", trust("\"Federated\":[\"" + OIDC_PROVIDER + "\"]"), null, null);
        ownerRam.createRole("trusts-nobody", trust("\"RAM\":[\"acs:ram::3333333333333333:root\"]"), null, null);
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Test
    void callerIdentityOfARootKey() {
        StsGateway sts = new SdkStsGateway(endpoint, () -> AccessKeyCredentials.permanent("AKID1", "secret1"), SETTINGS);

        StsGateway.CallerIdentity identity = sts.getCallerIdentity();

        assertThat(identity.accountId()).isEqualTo(OWNER);
        assertThat(identity.identityType()).isEqualTo("Account");
    }

    @Test
    void callerIdentityOfARamUserKey() {
        StsGateway sts = new SdkStsGateway(endpoint, () -> AccessKeyCredentials.permanent("AKID2", "secret2"), SETTINGS);

        StsGateway.CallerIdentity identity = sts.getCallerIdentity();

        assertThat(identity.accountId()).isEqualTo(OPERATOR);
        assertThat(identity.identityType()).isEqualTo("RAMUser");
    }

    @Test
    void assumedRoleCredentialsWorkAgainstRamOfTheOtherAccount() {
        StsGateway operatorSts = new SdkStsGateway(endpoint,
                () -> AccessKeyCredentials.permanent("AKID2", "secret2"), SETTINGS);

        AccessKeyCredentials temporary = operatorSts.assumeRole(roleArn("operator-access"), "ramgrants",
                null, Duration.ofHours(1));

        assertThat(temporary.temporary()).isTrue();
        assertThat(temporary.expiration()).isAfter(CLOCK.instant());
        StsGateway asRole = new SdkStsGateway(endpoint, () -> temporary, SETTINGS);
        assertThat(asRole.getCallerIdentity().accountId()).isEqualTo(OWNER);
        assertThat(asRole.getCallerIdentity().identityType()).isEqualTo("AssumedRoleUser");
        SdkRamGateway ramAsRole = new SdkRamGateway(OWNER, endpoint, () -> temporary,
                SETTINGS.withSignature(RamClientSettings.Signature.V1));
        assertThat(ramAsRole.getRole("operator-access")).isPresent();
    }

    @Test
    void aRejectedTemporaryCredentialNeverShowsItsToken() {
        AccessKeyCredentials temporary = new SdkStsGateway(endpoint,
                () -> AccessKeyCredentials.permanent("AKID2", "secret2"), SETTINGS)
                .assumeRole(roleArn("operator-access"), "ramgrants", null, Duration.ofHours(1));
        AccessKeyCredentials tampered = new AccessKeyCredentials(temporary.accessKeyId(), "wrong-secret",
                temporary.securityToken(), temporary.expiration());

        for (RamClientSettings.Signature signature : RamClientSettings.Signature.values()) {
            SdkRamGateway ram = new SdkRamGateway(OWNER, endpoint, () -> tampered,
                    SETTINGS.withSignature(signature));
            RamException e = expectKind(() -> ram.getRole("operator-access"), RamErrorKind.ACCESS_DENIED,
                    "SignatureDoesNotMatch");
            assertThat(e.getMessage()).doesNotContain(temporary.securityToken()).doesNotContain("wrong-secret");
            assertThat(e.toString()).doesNotContain(temporary.securityToken());
        }
    }

    @Test
    void assumeRoleFailuresAreClassified() {
        StsGateway operatorSts = new SdkStsGateway(endpoint,
                () -> AccessKeyCredentials.permanent("AKID2", "secret2"), SETTINGS);

        expectKind(() -> operatorSts.assumeRole(roleArn("no-such-role"), "session", null, null),
                RamErrorKind.NOT_FOUND, "EntityNotExist.Role");
        expectKind(() -> operatorSts.assumeRole(roleArn("trusts-nobody"), "session", null, null),
                RamErrorKind.ACCESS_DENIED, null);
    }

    @Test
    void oidcExchangeIsAnonymous() {
        StsGateway anonymous = SdkStsGateway.anonymous(endpoint, SETTINGS);

        AccessKeyCredentials credentials = anonymous.assumeRoleWithOidc(OIDC_PROVIDER, roleArn("rrsa"),
                jwt(CLOCK.instant().plusSeconds(600)), "rrsa-session", Duration.ofHours(1));

        assertThat(credentials.temporary()).isTrue();
        assertThat(new SdkStsGateway(endpoint, () -> credentials, SETTINGS).getCallerIdentity().accountId())
                .isEqualTo(OWNER);
        expectKind(() -> anonymous.assumeRoleWithOidc(OIDC_PROVIDER, roleArn("rrsa"),
                        jwt(CLOCK.instant().minusSeconds(60)), "rrsa-session", null),
                RamErrorKind.CREDENTIALS_EXPIRED, "AuthenticationFail.OIDCToken.Expired");
    }

    @Test
    void theFactoryGivesAnAnonymousGatewayForNullCredentials() {
        StsGateway anonymous = new RamGateways(SETTINGS, OperatorMetrics.discarding())
                .stsGateway(OWNER, AccountEndpoint.both(emulator.endpoint()), null);

        assertThat(anonymous.assumeRoleWithOidc(OIDC_PROVIDER, roleArn("rrsa"),
                jwt(CLOCK.instant().plusSeconds(600)), "rrsa-session", null).temporary()).isTrue();
        assertThatThrownBy(anonymous::getCallerIdentity).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void expiredTemporaryCredentialsAreRefreshedByTheResilientGateway() {
        StsGateway operatorSts = new SdkStsGateway(endpoint,
                () -> AccessKeyCredentials.permanent("AKID2", "secret2"), SETTINGS);
        AssumingProvider provider = new AssumingProvider(operatorSts, roleArn("operator-access"));
        RamGateway ram = new ResilientRamGateway(new SdkRamGateway(OWNER, endpoint, provider, SETTINGS),
                null, provider, SETTINGS.withRetries(2, Duration.ofMillis(1), Duration.ofMillis(2)),
                OperatorMetrics.discarding());
        assertThat(ram.getRole("operator-access")).isPresent();

        // Past the 5-minute token life but within RAM's 15-minute timestamp window.
        CLOCK.advance(Duration.ofMinutes(6));

        assertThat(ram.getRole("operator-access")).isPresent();
        assertThat(provider.exchanges.get()).isEqualTo(2);
    }

    /** Caches one AssumeRole result until told it expired, as a real provider would until near expiry. */
    private static final class AssumingProvider implements CredentialProvider {
        private final StsGateway sts;
        private final String roleArn;
        private final AtomicInteger exchanges = new AtomicInteger();
        private volatile AccessKeyCredentials cached;

        AssumingProvider(StsGateway sts, String roleArn) {
            this.sts = sts;
            this.roleArn = roleArn;
        }

        @Override
        public AccessKeyCredentials credentials() {
            if (cached == null) {
                exchanges.incrementAndGet();
                cached = sts.assumeRole(roleArn, "ramgrants", null, Duration.ofHours(1));
            }
            return cached;
        }

        @Override
        public void invalidate() {
            cached = null;
        }
    }

    private static String roleArn(String roleName) {
        return "acs:ram::" + OWNER + ":role/" + roleName;
    }
}
