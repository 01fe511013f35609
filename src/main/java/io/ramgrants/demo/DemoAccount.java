package io.ramgrants.demo;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * One emulated Alibaba Cloud account of the demo: the root AccessKey its console user (the
 * administrator making drift) signs with, and the AccessKey of the RAM user
 * {@value #OPERATOR_USER} that the operator is given, as the README advises (never root keys:
 * they cannot be narrowed to the operator's policy, and STS refuses them AssumeRole). Secrets
 * are made up for each run and printed only when a person asks for them ({@code --keep-running}).
 *
 * @param name the AlibabaCloudAccount (and Secret) name
 * @param part what the account does in the story
 */
record DemoAccount(String name, String accountId, String accessKeyId, String accessKeySecret,
                   String operatorKeyId, String operatorKeySecret, String part) {
    static final String OPERATOR_USER = "ram-grant-operator";
    private static final SecureRandom RANDOM = new SecureRandom();

    static DemoAccount of(String name, String accountId, String part) {
        return new DemoAccount(name, accountId, "LTAI5tDemo" + accountId.substring(0, 4) + name, randomSecret(),
                "LTAI5tOper" + accountId.substring(0, 4) + name, randomSecret(), part);
    }

    private static String randomSecret() {
        byte[] secret = new byte[15];
        RANDOM.nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    String secretName() {
        return name + "-access-key";
    }

    @Override
    public String toString() {
        return "DemoAccount[" + name + ", " + accountId + ", " + accessKeyId + ", " + operatorKeyId + "]";
    }
}
