package io.ramgrants.reliability;

import io.ramgrants.accounts.AssumeRoleCredentialProvider;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.MutableClock;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.engine.GatewayResolver;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.ram.AccessKeyCredentials;
import io.ramgrants.ram.AccountEndpoint;
import io.ramgrants.ram.CredentialProvider;
import io.ramgrants.ram.PolicyType;
import io.ramgrants.ram.RamClientSettings;
import io.ramgrants.ram.RamGateway;
import io.ramgrants.ram.RamGateways;
import io.ramgrants.ram.StsGateway;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The emulator set up the way the README tells an administrator to: in each managed account a
 * role {@value #OPERATOR_ROLE} whose only permission is the operator's policy, trusting the
 * home account; in the home account a role standing in for the operator pod's identity, whose
 * only permission is the README's {@code sts:AssumeRole} statement. The operator's gateways
 * reach each managed account through that chain of AssumeRole calls, so every RAM call the
 * engine makes is authorised against the policy, never against a root key.
 */
final class OperatorIdentityRam implements AutoCloseable {
    static final String A = "1111111111111111";
    static final String B = "2222222222222222";
    /** The operator's home account (and the DTS task and DMS account of the grants). */
    static final String HOME = "3333333333333333";
    static final String OPERATOR_ROLE = "ram-grant-operator";
    static final String POD_ROLE = "operator-pod";
    static final String OPERATOR_POLICY = "ram-grant-operator-policy";

    final MutableClock clock = MutableClock.systemNow();
    final RamEmulator emulator;
    private final RamGateways stack = new RamGateways(RamClientSettings.defaults().withQps(10_000)
            .withRetries(3, Duration.ofMillis(2), Duration.ofMillis(20)), OperatorMetrics.discarding());
    private final AccountEndpoint endpoint;
    private final Map<String, RamGateway> operator = new HashMap<>();

    /**
     * @param operatorPolicy the operator's policy in one managed account, from the account ID
     * @param assumePolicy   the pod identity's policy allowing it to assume the role in one account
     */
    OperatorIdentityRam(UnaryOperator<String> operatorPolicy, UnaryOperator<String> assumePolicy) {
        emulator = RamEmulator.start(EmulatorConfig.builder()
                .account(A, "AK-a", "secret-a").account(B, "AK-b", "secret-b").account(HOME, "AK-home", "secret-home")
                // STS refuses AssumeRole to root keys: the chain starts from a RAM user of the home account.
                .user(HOME, "operator-bootstrap", "AK-home-user", "secret-home-user", "AliyunSTSAssumeRoleAccess")
                .clock(clock).seed(7L).threads(4).build(), 0);
        endpoint = AccountEndpoint.both(emulator.endpoint());
        String trustHome = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                + "\"Principal\":{\"RAM\":[\"acs:ram::" + HOME + ":root\"]}}]}";
        RamGateway homeRoot = root(HOME);
        homeRoot.createRole(POD_ROLE, trustHome, "stands in for the operator pod's identity", null);
        for (String account : List.of(A, B)) {
            RamGateway admin = root(account);
            admin.createRole(OPERATOR_ROLE, trustHome, "assumed by ram-grant-operator", null);
            admin.createPolicy(OPERATOR_POLICY, operatorPolicy.apply(account), "README least privilege");
            admin.attachPolicyToRole(PolicyType.Custom, OPERATOR_POLICY, OPERATOR_ROLE);
            String assume = "assume-operator-role-in-" + account;
            homeRoot.createPolicy(assume, assumePolicy.apply(account), "README sts:AssumeRole");
            homeRoot.attachPolicyToRole(PolicyType.Custom, assume, POD_ROLE);
        }
        StsGateway rootSts = stack.stsGateway(HOME, endpoint,
                () -> AccessKeyCredentials.permanent("AK-home-user", "secret-home-user"));
        StsGateway podSts = stack.stsGateway(HOME, endpoint, new AssumeRoleCredentialProvider(() -> rootSts,
                roleArn(HOME, POD_ROLE), "operator-pod", null, AssumeRoleCredentialProvider.DEFAULT_DURATION, clock));
        for (String account : List.of(A, B)) {
            operator.put(account, stack.ramGateway(account, endpoint, new AssumeRoleCredentialProvider(() -> podSts,
                    roleArn(account, OPERATOR_ROLE), "ram-grant-operator", null,
                    AssumeRoleCredentialProvider.DEFAULT_DURATION, clock)));
        }
    }

    /** The operator's gateways: role sessions limited by the operator policy. */
    GatewayResolver operatorGateways() {
        return accountId -> {
            RamGateway gateway = operator.get(accountId);
            if (gateway == null) {
                throw new IllegalArgumentException("no operator access to account " + accountId);
            }
            return gateway;
        };
    }

    /** An administrator's root access, for setup, out-of-band edits and checks. */
    RamGateway root(String accountId) {
        return stack.ramGateway(accountId, endpoint, rootKey(accountId));
    }

    /** The RAM actions the emulator served in the managed accounts (including refused ones). */
    TreeSet<String> ramActionsServed() {
        TreeSet<String> actions = new TreeSet<>();
        for (String account : List.of(A, B)) {
            emulator.callCounts().getOrDefault(account, Map.of()).keySet().forEach(a -> actions.add("ram:" + a));
        }
        return actions;
    }

    long served(String accountId, String action) {
        return emulator.callCounts().getOrDefault(accountId, Map.of()).getOrDefault(action, 0L);
    }

    private static CredentialProvider rootKey(String accountId) {
        String suffix = accountId.equals(A) ? "a" : accountId.equals(B) ? "b" : "home";
        return () -> AccessKeyCredentials.permanent("AK-" + suffix, "secret-" + suffix);
    }

    static String roleArn(String accountId, String roleName) {
        return "acs:ram::" + accountId + ":role/" + roleName;
    }

    @Override
    public void close() {
        emulator.close();
    }
}
