package io.ramgrants.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointAllowListTest {
    final EndpointAllowList defaults = EndpointAllowList.defaults();

    @Test
    void alibabaCloudHostsAndLoopbackLiteralsAreAllowedByDefault() {
        assertThat(List.of("ram.aliyuncs.com", "RAM.ALIYUNCS.COM.", "ram.vpc-proxy.aliyuncs.com", "sts.aliyuncs.com",
                "sts.cn-hangzhou.aliyuncs.com", "sts-vpc.ap-southeast-1.aliyuncs.com",
                "sts.cn-shanghai-finance-1.aliyuncs.com", "sts.cn-north-2-gov-1.aliyuncs.com",
                "actiontrail.cn-hangzhou.aliyuncs.com", "actiontrail-vpc.cn-shanghai.aliyuncs.com",
                "actiontrail.cn-shanghai-finance-1.aliyuncs.com", "actiontrail.cn-north-2-gov-1.aliyuncs.com",
                "actiontrail.aliyuncs.com",
                "localhost", "127.0.0.1", "127.8.9.10", "[::1]")).allSatisfy(h ->
                assertThat(defaults.allowsHost(h)).as(h).isTrue());
        assertThat(defaults.allows(URI.create("https://sts-vpc.cn-beijing.aliyuncs.com/"))).isTrue();
        assertThat(defaults.allows(URI.create("http://127.0.0.1:18080/"))).isTrue();
    }

    @Test
    void lookAlikesAndOtherHostsAreRefused() {
        assertThat(List.of("evil.example.com", "ram.aliyuncs.com.evil.example.com", "evilram.aliyuncs.com",
                "sts.a.b.aliyuncs.com", "sts.evil.com", "aliyuncs.com", "x-aliyuncs.com", "localhost.evil.com",
                "127.0.0.1.nip.io", "0127.0.0.1", "10.0.0.1", "169.254.169.254", "", "sts..aliyuncs.com",
                "actiontrail.evil.com", "actiontrail.a.b.aliyuncs.com", "actiontrail-vpc.aliyuncs.com",
                "actiontrail.cn-hangzhou.aliyuncs.com.evil.example.com", "evilactiontrail.cn-hangzhou.aliyuncs.com"))
                .allSatisfy(h -> assertThat(defaults.allowsHost(h)).as(h).isFalse());
        assertThat(defaults.allows(URI.create("https://ram.aliyuncs.com@evil.example.com/"))).as("user info").isFalse();
        assertThat(defaults.allows(URI.create("https://evil.example.com/#@ram.aliyuncs.com"))).isFalse();
        assertThat(defaults.allows(URI.create("https://actiontrail.cn-hangzhou.aliyuncs.com@evil.example.com/")))
                .as("user info").isFalse();
        assertThat(defaults.allows(URI.create("https://evil.example.com/actiontrail.cn-hangzhou.aliyuncs.com/")))
                .as("the allowed name in the path").isFalse();
        assertThat(defaults.allows(URI.create("https://evil.example.com?h=actiontrail.aliyuncs.com"))).isFalse();
        assertThat(defaults.allows(null)).isFalse();
    }

    @Test
    void extraHostsAddPatternsWithOneLabelWildcards() {
        EndpointAllowList extra = EndpointAllowList.withExtraHosts(List.of(" RAM-proxy.Example.com ", "*.sts.example.com",
                "ram-emulator"));
        assertThat(extra.allowsHost("ram-proxy.example.com")).isTrue();
        assertThat(extra.allowsHost("eu.sts.example.com")).isTrue();
        assertThat(extra.allowsHost("a.b.sts.example.com")).isFalse();
        assertThat(extra.allowsHost("ram-emulator")).isTrue();
        assertThat(extra.allowsHost("sts.aliyuncs.com")).as("defaults stay").isTrue();
        assertThat(extra.extraHosts()).containsExactly("ram-proxy.example.com", "*.sts.example.com", "ram-emulator");
        assertThat(extra).isEqualTo(EndpointAllowList.withExtraHosts(List.of("ram-proxy.example.com",
                "*.sts.example.com", "ram-emulator")));
    }

    @Test
    void malformedOrTooWidePatternsAreRejected() {
        for (String bad : List.of("*", "*.*", "https://ram.example.com/", "ram.example.com:443", "ram.*x.com",
                "a..b", "-a.example.com")) {
            assertThatThrownBy(() -> EndpointAllowList.withExtraHosts(List.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--allow-endpoint-host");
        }
    }
}
