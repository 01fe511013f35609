package io.ramgrants.emulator;

/** Accounts, keys and documents shared by the emulator tests. */
final class Fixtures {
    static final String ACCOUNT_A = "1111111111111111";
    static final String AK_A = "AKID-A";
    static final String SECRET_A = "secret-a";
    static final String ACCOUNT_B = "2222222222222222";
    static final String AK_B = "AKID-B";
    static final String SECRET_B = "secret-b";
    /** A RAM user of account A allowed to call AssumeRole: root keys may not (STS: NoPermission). */
    static final String USER_A = "operator";
    static final String AK_USER_A = "AKID-A-USER";
    static final String SECRET_USER_A = "secret-a-user";

    /** Pretty-printed on purpose: RAM hands back a compact, re-ordered form. */
    static final String TRUST_B = """
            {
              "Version": "1",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": "sts:AssumeRole",
                  "Principal": { "RAM": "acs:ram::2222222222222222:root", "Service": "2222222222222222@dts.aliyuncs.com" }
                }
              ]
            }""";

    static final String POLICY_DOC = """
            {"Version": "1", "Statement": [{"Effect": "Allow", "Action": ["dms:LoginDatabase"], "Resource": "*"}]}""";

    private Fixtures() {
    }

    static EmulatorConfig.Builder twoAccounts() {
        return EmulatorConfig.builder().account(ACCOUNT_A, AK_A, SECRET_A).account(ACCOUNT_B, AK_B, SECRET_B)
                .user(ACCOUNT_A, USER_A, AK_USER_A, SECRET_USER_A, "AliyunSTSAssumeRoleAccess").seed(7L);
    }

    static String trustFor(String accountId) {
        return "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                + "\"Principal\":{\"RAM\":[\"acs:ram::" + accountId + ":root\"]}}]}";
    }

    static String policyDoc(String action) {
        return "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"*\"}]}";
    }
}
