package io.ramgrants.ram;

import static io.ramgrants.ram.ScriptedRamGateway.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ramgrants.observability.OperatorMetrics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResilientRamGatewayTest {
    private static final String ACCOUNT = "1111111111111111";
    private static final RamClientSettings FAST = RamClientSettings.defaults()
            .withQps(10_000)
            .withRetries(4, Duration.ofMillis(1), Duration.ofMillis(4));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OperatorMetrics metrics = new OperatorMetrics(registry);
    private final ScriptedRamGateway ram = new ScriptedRamGateway(ACCOUNT);
    private final CountingCredentials credentials = new CountingCredentials();
    private final RamGateway gateway = new ResilientRamGateway(ram, new AccountRateLimiters(FAST.qps()),
            credentials, FAST, metrics);

    @Test
    void retriesThrottlingAndServerErrorsUntilSuccess() {
        ram.failNext("AttachPolicyToRole", error(RamErrorKind.THROTTLED, "Throttling.User", 400),
                error(RamErrorKind.TRANSIENT, "InternalError", 500),
                error(RamErrorKind.TRANSIENT, "SocketTimeoutException", 0));

        gateway.attachPolicyToRole(PolicyType.System, "AliyunDTSRolePolicy", "ram-for-dts");

        assertThat(ram.calls("AttachPolicyToRole")).isEqualTo(4);
        assertThat(callCount("AttachPolicyToRole", "throttled")).isEqualTo(1);
        assertThat(callCount("AttachPolicyToRole", "transient")).isEqualTo(2);
        assertThat(callCount("AttachPolicyToRole", "ok")).isEqualTo(1);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastFailure() {
        ram.failNext("ListRoles", error(RamErrorKind.THROTTLED, "Throttling.User", 400),
                error(RamErrorKind.THROTTLED, "Throttling.User", 400),
                error(RamErrorKind.THROTTLED, "Throttling.User", 400),
                error(RamErrorKind.TRANSIENT, "ServiceUnavailable", 503));

        assertThatThrownBy(() -> gateway.listRoles(null, 100))
                .isInstanceOfSatisfying(RamException.class,
                        e -> assertThat(e.code()).isEqualTo("ServiceUnavailable"));
        assertThat(ram.calls("ListRoles")).isEqualTo(FAST.maxAttempts());
    }

    @ParameterizedTest
    @EnumSource(value = RamErrorKind.class, names = {"NOT_FOUND", "ALREADY_EXISTS", "CONFLICT", "ACCESS_DENIED",
            "INVALID_INPUT"})
    void terminalKindsAreNotRetried(RamErrorKind kind) {
        ram.failNext("DeletePolicy", error(kind, "Code", 400));

        assertThatThrownBy(() -> gateway.deletePolicy("p"))
                .isInstanceOfSatisfying(RamException.class, e -> assertThat(e.kind()).isEqualTo(kind));
        assertThat(ram.calls("DeletePolicy")).isEqualTo(1);
        assertThat(callCount("DeletePolicy", kind.name().toLowerCase())).isEqualTo(1);
    }

    @Test
    void alreadyExistsAfterARetriedCreateIsReportedNotHidden() {
        // The first CreateRole timed out after RAM executed it; the retry meets our own role.
        ram.failNext("CreateRole", error(RamErrorKind.TRANSIENT, "SocketTimeoutException", 0),
                error(RamErrorKind.ALREADY_EXISTS, "EntityAlreadyExists.Role", 409));

        assertThatThrownBy(() -> gateway.createRole("ram-for-dts", "{}", "d", null))
                .isInstanceOfSatisfying(RamException.class,
                        e -> assertThat(e.kind()).isEqualTo(RamErrorKind.ALREADY_EXISTS));
        assertThat(ram.calls("CreateRole")).isEqualTo(2);
    }

    @Test
    void expiredCredentialsAreRefreshedOnceAndTheCallRepeated() {
        ram.failNext("GetRole", error(RamErrorKind.CREDENTIALS_EXPIRED, "InvalidSecurityToken.Expired", 400));

        assertThat(gateway.getRole("ram-for-dts")).isPresent();
        assertThat(credentials.invalidations.get()).isEqualTo(1);
        assertThat(ram.calls("GetRole")).isEqualTo(2);
    }

    @Test
    void credentialsStillExpiredAfterOneRefreshSurface() {
        ram.failNext("GetRole", error(RamErrorKind.CREDENTIALS_EXPIRED, "InvalidSecurityToken.Expired", 400),
                error(RamErrorKind.CREDENTIALS_EXPIRED, "InvalidSecurityToken.Expired", 400));

        assertThatThrownBy(() -> gateway.getRole("ram-for-dts"))
                .isInstanceOfSatisfying(RamException.class,
                        e -> assertThat(e.kind()).isEqualTo(RamErrorKind.CREDENTIALS_EXPIRED));
        assertThat(credentials.invalidations.get()).isEqualTo(1);
        assertThat(ram.calls("GetRole")).isEqualTo(2);
    }

    @Test
    void unclassifiedFailuresAreNotRetried() {
        ram.failNext("GetPolicy", new IllegalStateException("bug"));

        assertThatThrownBy(() -> gateway.getPolicy(PolicyType.Custom, "p")).isInstanceOf(IllegalStateException.class);
        assertThat(ram.calls("GetPolicy")).isEqualTo(1);
        assertThat(callCount("GetPolicy", "error")).isEqualTo(1);
    }

    @Test
    void everyMethodDelegatesAndIsRecordedUnderItsAction() {
        gateway.getRole("r");
        gateway.listRoles(null, 10);
        gateway.createRole("r", "{}", "d", 3600);
        gateway.updateRole("r", "{}", null, 3600);
        gateway.deleteRole("r");
        gateway.listPoliciesForRole("r");
        gateway.attachPolicyToRole(PolicyType.System, "p", "r");
        gateway.detachPolicyFromRole(PolicyType.System, "p", "r");
        gateway.getPolicy(PolicyType.Custom, "p");
        gateway.createPolicy("p", "{}", "d");
        gateway.createPolicyVersion("p", "{}", true);
        gateway.listPolicyVersions(PolicyType.Custom, "p");
        gateway.deletePolicyVersion("p", "v1");
        gateway.deletePolicy("p");
        gateway.listEntitiesForPolicy(PolicyType.Custom, "p");

        for (String action : new String[] {"GetRole", "ListRoles", "CreateRole", "UpdateRole", "DeleteRole",
                "ListPoliciesForRole", "AttachPolicyToRole", "DetachPolicyFromRole", "GetPolicy", "CreatePolicy",
                "CreatePolicyVersion", "ListPolicyVersions", "DeletePolicyVersion", "DeletePolicy",
                "ListEntitiesForPolicy"}) {
            assertThat(ram.calls(action)).as(action).isEqualTo(1);
            assertThat(callCount(action, "ok")).as(action).isEqualTo(1);
        }
        assertThat(gateway.accountId()).isEqualTo(ACCOUNT);
    }

    private long callCount(String action, String result) {
        Timer timer = registry.find("ramgrants.ram.calls")
                .tags("action", action, "account", ACCOUNT, "result", result).timer();
        return timer == null ? 0 : timer.count();
    }

    static final class CountingCredentials implements CredentialProvider {
        final AtomicInteger invalidations = new AtomicInteger();

        @Override
        public AccessKeyCredentials credentials() {
            return AccessKeyCredentials.permanent("AKID1", "secret1");
        }

        @Override
        public void invalidate() {
            invalidations.incrementAndGet();
        }
    }
}
