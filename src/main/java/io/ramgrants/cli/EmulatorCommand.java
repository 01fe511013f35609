package io.ramgrants.cli;

import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.RamEmulator;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = {"Serve the Alibaba Cloud RAM and STS emulator on 127.0.0.1.",
                "Prints one line with the endpoint URL once it accepts requests, then runs until killed.",
                "Counters and fault settings: GET /_emulator/calls, POST /_emulator/calls/reset, POST /_emulator/faults."})
public final class EmulatorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "18080", description = "Port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--account", required = true, paramLabel = "ID=AKID:SECRET",
            description = "An account and one of its root AccessKeys; repeat for more keys or accounts.")
    List<String> accounts = new ArrayList<>();

    @Option(names = "--user", paramLabel = "ID:NAME=AKID:SECRET[@POLICY,...]",
            description = {"A RAM user of account ID with one AccessKey and the system policies listed (e.g. AliyunRAMFullAccess)"
                    + " attached; repeat for more. RAM-user keys are authorised by their policies, and only they may call AssumeRole."})
    List<String> users = new ArrayList<>();

    @Option(names = "--oidc-provider", paramLabel = "ID:NAME=CLIENTID[,CLIENTID...]",
            description = "An OIDC provider acs:ram::ID:oidc-provider/NAME accepting these client IDs as the token's aud; repeat for more.")
    List<String> oidcProviders = new ArrayList<>();

    @Option(names = "--fault-throttle", defaultValue = "0", paramLabel = "P",
            description = "Fraction of calls answered 400 Throttling.User (default: ${DEFAULT-VALUE}).")
    double faultThrottle;

    @Option(names = "--fault-5xx", defaultValue = "0", paramLabel = "P",
            description = "Fraction of calls answered 503 ServiceUnavailable or 500 InternalError (default: ${DEFAULT-VALUE}).")
    double fault5xx;

    @Option(names = "--fault-lost-reply", defaultValue = "0", paramLabel = "P",
            description = "Fraction of RAM writes that take effect but are answered 503/500 all the same (default: ${DEFAULT-VALUE}).")
    double faultLostReply;

    @Option(names = "--consistency-lag", defaultValue = "0s", paramLabel = "DURATION",
            converter = RunCommand.DurationConverter.class,
            description = {"Model RAM's eventual consistency: after a write, dependent calls may see the old state for a"
                    + " seeded random time up to this (e.g. 2s): DeleteRole after a detach, DeletePolicy after a detach or"
                    + " version delete, AttachPolicyToRole after CreateRole, GetRole's trust policy (default: ${DEFAULT-VALUE})."})
    java.time.Duration consistencyLag;

    @Option(names = "--latency-ms", defaultValue = "0", paramLabel = "N", description = "Added latency per call (default: ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "QPS",
            description = "Per-account calls per second over all actions; above it 400 Throttling.User; 0 = off (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--ram-quotas", description = "Enforce RAM's documented per-account, per-API quotas (e.g. 10/s AttachPolicyToRole).")
    boolean ramQuotas;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for injected faults, for reproducible runs.")
    Long seed;

    @Option(names = "--max-roles", defaultValue = "1000", paramLabel = "N",
            description = "Roles allowed per account (RAM's default quota: ${DEFAULT-VALUE}).")
    int maxRoles;

    @Override
    public Integer call() throws InterruptedException {
        EmulatorConfig config = config();
        RamEmulator emulator;
        try {
            emulator = RamEmulator.start(config, port);
        } catch (UncheckedIOException e) {
            spec.commandLine().getErr().println("emulator: " + e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "emulator-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("RAM/STS emulator listening on " + emulator.endpoint());
        out.flush();
        stopped.await();
        return 0;
    }

    private static void addUser(EmulatorConfig.Builder builder, String user) {
        int colon = user.indexOf(':');
        int eq = user.indexOf('=', colon + 1);
        int keyColon = user.indexOf(':', eq + 1);
        if (colon <= 0 || eq <= colon + 1 || keyColon <= eq + 1 || keyColon == user.length() - 1) {
            // Never echo the value: it holds a secret.
            throw new IllegalArgumentException("--user must look like ID:NAME=AKID:SECRET[@POLICY,...]");
        }
        String rest = user.substring(keyColon + 1);
        int policiesAt = rest.lastIndexOf('@');
        String secret = policiesAt < 0 ? rest : rest.substring(0, policiesAt);
        String[] policies = policiesAt < 0 || policiesAt == rest.length() - 1 ? new String[0]
                : rest.substring(policiesAt + 1).split(",");
        builder.user(user.substring(0, colon), user.substring(colon + 1, eq), user.substring(eq + 1, keyColon), secret,
                policies);
    }

    /** The emulator configuration the options describe; usage errors as picocli's ParameterException. */
    public EmulatorConfig config() {
        EmulatorConfig.Builder builder = EmulatorConfig.builder()
                .faultThrottle(faultThrottle).fault5xx(fault5xx).faultLostReply(faultLostReply).latencyMs(latencyMs)
                .rate(rate).ramQuotas(ramQuotas).maxRolesPerAccount(maxRoles).consistencyLag(consistencyLag);
        if (seed != null) {
            builder.seed(seed);
        }
        try {
            for (String account : accounts) {
                int eq = account.indexOf('=');
                int colon = account.indexOf(':', eq + 1);
                if (eq <= 0 || colon <= eq + 1 || colon == account.length() - 1) {
                    throw new IllegalArgumentException("--account must look like ID=AKID:SECRET, got " + account);
                }
                builder.account(account.substring(0, eq), account.substring(eq + 1, colon), account.substring(colon + 1));
            }
            for (String user : users) {
                addUser(builder, user);
            }
            for (String provider : oidcProviders) {
                int colon = provider.indexOf(':');
                int eq = provider.indexOf('=', colon + 1);
                if (colon <= 0 || eq <= colon + 1 || eq == provider.length() - 1) {
                    throw new IllegalArgumentException("--oidc-provider must look like ID:NAME=CLIENTID[,CLIENTID], got " + provider);
                }
                builder.oidcProvider(provider.substring(0, colon), provider.substring(colon + 1, eq),
                        provider.substring(eq + 1).split(","));
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
