package io.ramgrants.emulator;

import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import org.assertj.core.api.ThrowableAssert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Real Alibaba Cloud SDK clients pointed at an emulator, and assertions on their errors. */
final class Sdk {
    enum Signing { ACS3, V1 }

    private Sdk() {
    }

    static Config config(RamEmulator emu, String akid, String secret) {
        return new Config().setAccessKeyId(akid).setAccessKeySecret(secret)
                .setEndpoint("127.0.0.1:" + emu.port()).setProtocol("HTTP")
                .setReadTimeout(10_000).setConnectTimeout(5_000);
    }

    private static final java.util.Map<String, com.aliyun.ram20150501.Client> RAM_CLIENTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** A RAM client, reused per emulator, key and signing: building one costs more than a call. */
    static com.aliyun.ram20150501.Client ram(RamEmulator emu, String akid, String secret, Signing signing) {
        return RAM_CLIENTS.computeIfAbsent(emu.port() + "/" + akid + "/" + secret + "/" + signing,
                k -> newRam(emu, akid, secret, signing));
    }

    private static com.aliyun.ram20150501.Client newRam(RamEmulator emu, String akid, String secret, Signing signing) {
        Config config = config(emu, akid, secret);
        if (signing == Signing.V1) {
            config.setSignatureAlgorithm("v2");
        }
        try {
            return new com.aliyun.ram20150501.Client(config);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static com.aliyun.ram20150501.Client ramWithToken(RamEmulator emu, String akid, String secret, String token,
                                                      Signing signing) {
        Config config = config(emu, akid, secret).setSecurityToken(token);
        if (signing == Signing.V1) {
            config.setSignatureAlgorithm("v2");
        }
        try {
            return new com.aliyun.ram20150501.Client(config);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static com.aliyun.sts20150401.Client sts(RamEmulator emu, String akid, String secret, String token) {
        Config config = config(emu, akid, secret);
        if (token != null) {
            config.setSecurityToken(token);
        }
        try {
            return new com.aliyun.sts20150401.Client(config);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts the SDK call fails with the given RAM error code and HTTP status. */
    static TeaException assertError(ThrowableAssert.ThrowingCallable call, String code, int status) {
        TeaException e = catchThrowableOfType(TeaException.class, call);
        assertThat(e).as("expected %s (%s)", code, status).isNotNull();
        assertThat(e.getCode()).isEqualTo(code);
        assertThat(e.getStatusCode()).isEqualTo(status);
        return e;
    }
}
