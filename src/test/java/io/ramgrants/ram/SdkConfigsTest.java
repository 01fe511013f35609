package io.ramgrants.ram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramgrants.observability.OperatorMetrics;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The guard that keeps every test off Alibaba Cloud's public endpoints. */
class SdkConfigsTest {
    static final AccessKeyCredentials KEYS = AccessKeyCredentials.permanent("LTAI-test", "SECRET-DO-NOT-LEAK");

    @Test
    void theBuildTurnsTheGuardOnForEveryTest() {
        assertThat(Boolean.getBoolean(SdkConfigs.FORBID_PUBLIC_ENDPOINTS)).isTrue();
    }

    @Test
    void publicAndRegionalAliyunHostsAreRefused() {
        for (String endpoint : new String[] {"https://ram.aliyuncs.com/", "https://sts.cn-hangzhou.aliyuncs.com/",
                "https://STS.ALIYUNCS.COM./", "http://aliyuncs.com:80/"}) {
            assertThatThrownBy(() -> SdkConfigs.config(URI.create(endpoint), RamClientSettings.defaults(), KEYS))
                    .as(endpoint)
                    .isInstanceOfSatisfying(RamException.class, e -> {
                        assertThat(e.kind()).isEqualTo(RamErrorKind.ACCESS_DENIED);
                        assertThat(e.getMessage()).contains("public endpoint").contains("forbidden in tests")
                                .doesNotContain("SECRET-DO-NOT-LEAK");
                    });
        }
    }

    @Test
    void localAndLookalikeHostsAreAllowed() {
        for (String endpoint : new String[] {"http://127.0.0.1:8080/", "http://localhost:1/",
                "https://notaliyuncs.com/"}) {
            assertThat(SdkConfigs.config(URI.create(endpoint), RamClientSettings.defaults(), KEYS).endpoint)
                    .as(endpoint).isNotBlank();
        }
    }

    @Test
    void aGatewayAtThePublicCloudFailsWithoutRetryingOrSendingAnything() {
        RamGateway ram = new RamGateways(RamClientSettings.defaults(), OperatorMetrics.discarding())
                .ramGateway("1111111111111111", AccountEndpoint.publicCloud(), () -> KEYS);

        assertThatThrownBy(() -> ram.getRole("ram-for-dts"))
                .isInstanceOfSatisfying(RamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RamErrorKind.ACCESS_DENIED);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("public endpoint ram.aliyuncs.com forbidden in tests");
                });
    }
}
