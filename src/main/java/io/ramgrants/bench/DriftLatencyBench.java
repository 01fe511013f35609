package io.ramgrants.bench;

import com.aliyun.ram20150501.Client;
import com.aliyun.ram20150501.models.AttachPolicyToRoleRequest;
import com.aliyun.ram20150501.models.CreatePolicyVersionRequest;
import com.aliyun.ram20150501.models.DeleteRoleRequest;
import com.aliyun.ram20150501.models.DetachPolicyFromRoleRequest;
import com.aliyun.ram20150501.models.GetRoleRequest;
import com.aliyun.ram20150501.models.ListPoliciesForRoleRequest;
import com.aliyun.ram20150501.models.UpdateRoleRequest;
import com.aliyun.teaopenapi.models.Config;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.ramgrants.api.AccountRef;
import io.ramgrants.api.DatabaseType;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.DmsAccessRoleSpec;
import io.ramgrants.api.DmsRegistrationRole;
import io.ramgrants.api.DmsRegistrationRoleSpec;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.engine.batch.DriftEventSettings;
import io.ramgrants.engine.batch.ObservationSettings;
import io.ramgrants.ram.RamClientSettings;
import io.ramgrants.runtime.OperatorSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code bench --drift-latency}: detection latency (out-of-band write by another AccessKey →
 * the grant's status reports the correction) per drift kind, with {@code roles} of our roles in
 * one account observed in batch, drift events on or off, against the emulator with RAM's quotas
 * and an ActionTrail delivery delay; and the RAM + ActionTrail calls per minute meanwhile.
 * Corrections are seen in Kubernetes status, so measuring costs no RAM call.
 */
public final class DriftLatencyBench {
    /** Drift kinds, each made by a person with the console's AccessKey. */
    enum Kind { TRUST_EDIT, EXTRA_ATTACHMENT, DETACH, POLICY_VERSION, ROLE_DELETED, DESCRIPTION_EDIT }

    static final String ACCOUNT = "1000000000000001";
    static final String DMS_ACCOUNT = "2000000000000002";
    static final String OPERATOR_KEY = "BENCHOPERATORKEY1";
    static final String CONSOLE_KEY = "LTAI5tBenchConsoleabcd";
    static final String OTHER_TRUST = "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"RAM\":[\"acs:ram::3000000000000003:root\"]}}],\"Version\":\"1\"}";
    static final String WIDE_DOCUMENT = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
            + "\"Resource\":\"*\"}]}";

    public record Options(int roles, boolean events, Duration eventDelay, Duration pollInterval, int samplesPerKind,
                          Duration timeout, Duration resync) {
        public Options {
            Objects.requireNonNull(eventDelay);
            Objects.requireNonNull(pollInterval);
            Objects.requireNonNull(timeout);
            Objects.requireNonNull(resync);
            if (roles < 10 || samplesPerKind < 1 || roles < samplesPerKind * Kind.values().length * 2) {
                throw new IllegalArgumentException("need at least 10 roles and 2 per sample");
            }
        }
    }

    record Sample(Kind kind, String grant, boolean registration, long writtenAt, long correctedAt, boolean attributed) {
        double seconds() {
            return (correctedAt - writtenAt) / 1e9;
        }
    }

    private final Options options;

    public DriftLatencyBench(Options options) {
        this.options = options;
    }

    /** Runs once and prints the report; returns how many drifts were not corrected within the timeout. */
    public int run(PrintWriter out) {
        EmulatorConfig config = EmulatorConfig.builder().account(ACCOUNT, OPERATOR_KEY, "operator-secret")
                .account(ACCOUNT, CONSOLE_KEY, "console-secret").account(DMS_ACCOUNT, "BENCHDMSKEY1", "dms-secret")
                .ramQuotas(true).maxRolesPerAccount(options.roles() + 10).eventDelay(options.eventDelay()).build();
        try (RamEmulator emulator = RamEmulator.start(config, 0);
             KubeConvergence kube = new KubeConvergence(RamClientSettings.defaults(),
                     OperatorSettings.Concurrency.defaults(), r -> r, null, s -> s.withResync(options.resync(),
                     Duration.ofSeconds(1)).withObservation(ObservationSettings.defaults().withDriftEvents(
                     (options.events() ? DriftEventSettings.defaults() : DriftEventSettings.off())
                             .withPollInterval(options.pollInterval()))))) {
            kube.createAccounts(List.of(new BenchAccount("acct-001", ACCOUNT, OPERATOR_KEY, "operator-secret"),
                    new BenchAccount("acct-dms", DMS_ACCOUNT, "BENCHDMSKEY1", "dms-secret")),
                    emulator.endpoint(), Duration.ofMinutes(1));
            int registrations = options.samplesPerKind() * 2;
            List<CustomResource<?, GrantStatus>> grants = new ArrayList<>();
            for (int i = 0; i < options.roles(); i++) {
                grants.add(i < registrations ? registration(i) : access(i));
            }
            long convergeStart = System.nanoTime();
            grants.forEach(g -> kube.client().resource(g).create());
            if (!waitFor(() -> kube.readyGrants() >= grants.size(), Duration.ofMinutes(20))) {
                out.println("drift-latency: grants did not converge");
                return options.roles();
            }
            out.printf("drift-latency: %d roles in one account Ready after %.0f s (batch observation, events %s)%n",
                    options.roles(), (System.nanoTime() - convergeStart) / 1e9, options.events() ? "on" : "off");
            LockSupport.parkNanos(Duration.ofSeconds(10).toNanos()); // past the batch settle time
            Client console = console(emulator);
            emulator.resetCounters();
            long windowStart = System.nanoTime();
            List<Sample> pending = drift(console, registrations);
            List<Sample> done = await(kube, pending);
            // Calls per minute over at least two minutes, so one poll more or less does not swing the rate.
            long minimum = windowStart + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < minimum) {
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
            double minutes = (System.nanoTime() - windowStart) / 6e10;
            Map<String, Long> calls = emulator.callCounts().getOrDefault(ACCOUNT, Map.of());
            report(out, done, pending.size(), calls, minutes);
            return pending.size() - done.size();
        }
    }

    private List<Sample> drift(Client console, int registrations) {
        List<Sample> samples = new ArrayList<>();
        int accessIndex = registrations;
        int registrationIndex = 0;
        for (int s = 0; s < options.samplesPerKind(); s++) {
            for (Kind kind : Kind.values()) {
                boolean registration = kind == Kind.POLICY_VERSION;
                String name = registration ? name(registrationIndex++) : name(accessIndex++);
                long at = System.nanoTime();
                apply(console, kind, name);
                samples.add(new Sample(kind, name, registration, at, 0, false));
            }
        }
        return samples;
    }

    private static void apply(Client console, Kind kind, String role) {
        try {
            switch (kind) {
                case TRUST_EDIT -> console.updateRole(new UpdateRoleRequest().setRoleName(role)
                        .setNewAssumeRolePolicyDocument(OTHER_TRUST));
                case EXTRA_ATTACHMENT -> console.attachPolicyToRole(new AttachPolicyToRoleRequest()
                        .setPolicyType("System").setPolicyName("AdministratorAccess").setRoleName(role));
                case DETACH -> console.detachPolicyFromRole(new DetachPolicyFromRoleRequest().setPolicyType("System")
                        .setPolicyName("AliyunDMSLoginConsoleAccess").setRoleName(role));
                case DESCRIPTION_EDIT -> console.updateRole(new UpdateRoleRequest().setRoleName(role).setNewDescription(
                        console.getRole(new GetRoleRequest().setRoleName(role)).getBody().getRole().getDescription()
                                + " (edited)"));
                case ROLE_DELETED -> {
                    for (var p : console.listPoliciesForRole(new ListPoliciesForRoleRequest().setRoleName(role))
                            .getBody().getPolicies().getPolicy()) {
                        console.detachPolicyFromRole(new DetachPolicyFromRoleRequest().setPolicyType(p.getPolicyType())
                                .setPolicyName(p.getPolicyName()).setRoleName(role));
                    }
                    console.deleteRole(new DeleteRoleRequest().setRoleName(role));
                }
                case POLICY_VERSION -> {
                    String policy = console.listPoliciesForRole(new ListPoliciesForRoleRequest().setRoleName(role))
                            .getBody().getPolicies().getPolicy().get(0).getPolicyName();
                    console.createPolicyVersion(new CreatePolicyVersionRequest().setPolicyName(policy)
                            .setPolicyDocument(WIDE_DOCUMENT).setSetAsDefault(true));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("out-of-band " + kind + " on " + role + " failed: " + e.getMessage(), e);
        }
    }

    private List<Sample> await(KubeConvergence kube, List<Sample> pending) {
        Map<String, String> baseline = new LinkedHashMap<>();
        pending.forEach(s -> baseline.put(s.grant(), correctionTime(kube, s)));
        List<Sample> done = new ArrayList<>();
        List<Sample> open = new ArrayList<>(pending);
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
            long now = System.nanoTime();
            for (var it = open.iterator(); it.hasNext(); ) {
                Sample s = it.next();
                GrantStatus status = status(kube, s);
                if (status != null && status.lastDriftCorrection != null
                        && !Objects.equals(status.lastDriftCorrection.time, baseline.get(s.grant()))) {
                    done.add(new Sample(s.kind(), s.grant(), s.registration(), s.writtenAt(), now,
                            status.lastDriftCorrection.cause != null));
                    it.remove();
                }
            }
        }
        return done;
    }

    private void report(PrintWriter out, List<Sample> done, int total, Map<String, Long> calls, double minutes) {
        out.printf("events %s, ActionTrail delivery delay %s, poll %s, resync %s, %d sample(s) per kind%n",
                options.events() ? "on" : "off", options.eventDelay(), options.pollInterval(), options.resync(),
                options.samplesPerKind());
        out.printf("%-18s %8s %8s %8s %10s %12s%n", "drift kind", "n", "p50 s", "p99 s", "max s", "attributed");
        for (Kind kind : Kind.values()) {
            List<Double> seconds = done.stream().filter(s -> s.kind() == kind).map(Sample::seconds).sorted().toList();
            long attributed = done.stream().filter(s -> s.kind() == kind && s.attributed()).count();
            if (seconds.isEmpty()) {
                out.printf("%-18s %8s %8s %8s %10s %12s%n", kind.name().toLowerCase(), "0/" + options.samplesPerKind(),
                        "-", "-", "> " + options.timeout().toSeconds(), "-");
                continue;
            }
            out.printf("%-18s %8s %8.1f %8.1f %10.1f %12s%n", kind.name().toLowerCase(),
                    seconds.size() + "/" + options.samplesPerKind(), percentile(seconds, 0.5),
                    percentile(seconds, 0.99), seconds.get(seconds.size() - 1), attributed + "/" + seconds.size());
        }
        long lookups = calls.getOrDefault("LookupEvents", 0L);
        long ram = calls.values().stream().mapToLong(Long::longValue).sum() - lookups;
        out.printf("corrected %d/%d within %s; over %.1f min: RAM %.0f calls/min (console's own drift and checks"
                        + " included), ActionTrail LookupEvents %.1f calls/min%n", done.size(), total,
                options.timeout(), minutes, ram / minutes, lookups / minutes);
        out.flush();
    }

    private static double percentile(List<Double> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String correctionTime(KubeConvergence kube, Sample s) {
        GrantStatus status = status(kube, s);
        return status == null || status.lastDriftCorrection == null ? null : status.lastDriftCorrection.time;
    }

    private static GrantStatus status(KubeConvergence kube, Sample s) {
        CustomResource<?, GrantStatus> grant = s.registration()
                ? kube.client().resources(DmsRegistrationRole.class).inNamespace(BenchWorkload.NAMESPACE)
                        .withName(s.grant()).get()
                : kube.client().resources(DmsAccessRole.class).inNamespace(BenchWorkload.NAMESPACE)
                        .withName(s.grant()).get();
        return grant == null ? null : grant.getStatus();
    }

    private static Client console(RamEmulator emulator) {
        try {
            return new Client(new Config().setAccessKeyId(CONSOLE_KEY).setAccessKeySecret("console-secret")
                    .setEndpoint("127.0.0.1:" + emulator.port()).setProtocol("HTTP"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(int i) {
        return String.format("drift-%04d", i);
    }

    private static DmsAccessRole access(int i) {
        DmsAccessRoleSpec spec = new DmsAccessRoleSpec();
        spec.ownerAccountRef = new AccountRef("acct-001");
        spec.accessorAccountId = DMS_ACCOUNT;
        spec.roleName = name(i);
        DmsAccessRole grant = new DmsAccessRole();
        grant.setMetadata(new ObjectMetaBuilder().withNamespace(BenchWorkload.NAMESPACE).withName(name(i)).build());
        grant.setSpec(spec);
        return grant;
    }

    private static DmsRegistrationRole registration(int i) {
        DmsRegistrationRoleSpec spec = new DmsRegistrationRoleSpec();
        spec.ownerAccountRef = new AccountRef("acct-001");
        spec.dmsAccountId = DMS_ACCOUNT;
        spec.databaseTypes = new ArrayList<>(List.of(DatabaseType.Redis));
        spec.networkTypes = new ArrayList<>();
        spec.roleName = name(i);
        DmsRegistrationRole grant = new DmsRegistrationRole();
        grant.setMetadata(new ObjectMetaBuilder().withNamespace(BenchWorkload.NAMESPACE).withName(name(i)).build());
        grant.setSpec(spec);
        return grant;
    }

    private static boolean waitFor(java.util.function.BooleanSupplier done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        return true;
    }
}
