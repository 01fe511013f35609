package io.ramgrants.demo;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * One emulated Alibaba Cloud account of the demo and the root AccessKey the emulator knows it
 * by. The secret is made up for each run and printed only when a person asks for it
 * ({@code --keep-running}).
 *
 * @param name the AlibabaCloudAccount (and Secret) name
 * @param part what the account does in the story
 */
record DemoAccount(String name, String accountId, String accessKeyId, String accessKeySecret, String part) {
    private static final SecureRandom RANDOM = new SecureRandom();

    static DemoAccount of(String name, String accountId, String part) {
        byte[] secret = new byte[15];
        RANDOM.nextBytes(secret);
        return new DemoAccount(name, accountId, "LTAI5tDemo" + accountId.substring(0, 4) + name,
                HexFormat.of().formatHex(secret), part);
    }

    String secretName() {
        return name + "-access-key";
    }

    @Override
    public String toString() {
        return "DemoAccount[" + name + ", " + accountId + ", " + accessKeyId + "]";
    }
}
