package io.ramgrants.demo;

import static io.ramgrants.demo.DemoCast.DMS_ACCESS_ROLE;
import static io.ramgrants.demo.DemoCast.DMS_REGISTRATION_ROLE;
import static io.ramgrants.demo.DemoCast.DTS_ROLE;
import static io.ramgrants.demo.DemoCast.GRANTS_NAMESPACE;
import static io.ramgrants.demo.DemoCast.STRANGER_ACCOUNT_ID;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.controller.Conditions;
import io.ramgrants.controller.grant.GrantReasons;
import io.ramgrants.policy.PolicyDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The story the demo tells: accounts become verified, one grant of each kind becomes Ready,
 * then a person edits RAM behind the operator's back three times and the operator undoes
 * each edit on its next resync.
 */
final class DemoScenario {
    private static final String DTS_SERVICE_ROLE = "AliyunDTSDefaultRole";
    private static final String DTS_SERVICE_TRUST = "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":[\"dts.aliyuncs.com\"]}}],\"Version\":\"1\"}";
    private static final String STRANGER_TRUST = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"sts:AssumeRole\",\"Principal\":{\"RAM\":\"acs:ram::" + STRANGER_ACCOUNT_ID + ":root\"}}]}";
    private static final String WIDENED_POLICY = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"kvstore:*\",\"vpc:*\",\"ecs:*\"],\"Resource\":\"*\"}]}";

    private final DemoCast cast;
    private final DemoEnvironment env;
    private final KubernetesClient client;
    private final Narrator narrator;
    private final Waiter waiter;
    private final KubectlView kubectl;
    final ConsoleUser ordersConsole;
    final ConsoleUser reportingConsole;

    DemoScenario(DemoCast cast, DemoEnvironment env, Narrator narrator, Waiter waiter) {
        this.cast = cast;
        this.env = env;
        this.client = env.kubernetes.client();
        this.narrator = narrator;
        this.waiter = waiter;
        this.kubectl = new KubectlView(client);
        this.ordersConsole = new ConsoleUser(cast.orders, env.emulator.port());
        this.reportingConsole = new ConsoleUser(cast.reporting, env.emulator.port());
    }

    List<ConsoleUser> consoleUsers() {
        return List.of(ordersConsole, reportingConsole);
    }

    /** Plays the whole story; returns the corrections for the summary. */
    List<Correction> play() {
        createDtsServiceRoles();
        applyAccounts();
        List<GrantRef<?>> grants = applyGrants();
        awaitQuietPass(grants);
        return injectDrift(grants);
    }

    /** Seed 000's precondition, which the DTS console creates on first use; without it the grant warns. */
    private void createDtsServiceRoles() {
        narrator.title("0. Before the operator: the DTS service role the DTS console creates in each instance account");
        for (ConsoleUser console : List.of(ordersConsole, reportingConsole)) {
            console.createRole(DTS_SERVICE_ROLE, DTS_SERVICE_TRUST, "DTS default role");
            console.attachSystemPolicy("AliyunDTSRolePolicy", DTS_SERVICE_ROLE);
            narrator.step("console user in " + console.account().name() + " (" + console.account().accountId()
                    + "): created " + DTS_SERVICE_ROLE + " with AliyunDTSRolePolicy");
        }
    }

    private void applyAccounts() {
        narrator.title("1. Accounts: an AccessKey Secret and an AlibabaCloudAccount for each");
        for (DemoAccount account : cast.accounts()) {
            client.resource(cast.accessKeySecret(account)).create();
            client.resource(cast.alibabaCloudAccount(account, env.emulator.endpoint())).create();
            narrator.step("applied Secret " + DemoCast.SECRETS_NAMESPACE + "/" + account.secretName()
                    + " and AlibabaCloudAccount " + account.name() + " (" + account.accountId() + "): "
                    + account.part());
        }
        for (DemoAccount account : cast.accounts()) {
            waiter.until("AlibabaCloudAccount " + account.name() + " to become Ready",
                    () -> accountReady(account.name()) ? Optional.of(true) : Optional.empty(),
                    () -> accountConditions(account.name()));
        }
        narrator.step("all accounts verified (STS GetCallerIdentity returned the declared account IDs)");
        narrator.command("kubectl get alibabacloudaccounts");
        narrator.block(kubectl.accounts());
    }

    private List<GrantRef<?>> applyGrants() {
        narrator.title("2. Grants: one of each kind in namespace " + GRANTS_NAMESPACE);
        String platform = cast.platform.accountId();
        String orders = cast.orders.accountId();
        String reporting = cast.reporting.accountId();
        GrantRef<?> dts = new GrantRef<>(client, client.resource(cast.dtsGrant()).create(), "dtsgrant");
        narrator.step("applied CrossAccountDtsGrant " + DemoCast.DTS_GRANT + ": task account " + platform
                + " copies orders (" + orders + ") to reporting (" + reporting + "); it owns neither instance,"
                + " so both accounts need role " + DTS_ROLE + " trusting " + platform + " and its DTS service,"
                + " with AliyunDTSRolePolicy");
        GrantRef<?> registration = new GrantRef<>(client, client.resource(cast.dmsRegistration()).create(), "dmsrole");
        narrator.step("applied DmsRegistrationRole " + DemoCast.DMS_REGISTRATION + ": role " + DMS_REGISTRATION_ROLE
                + " in reporting trusting " + platform + "@dms.aliyuncs.com, with a custom policy for Redis"
                + " over VPC (RDS MySQL needs no action)");
        GrantRef<?> access = new GrantRef<>(client, client.resource(cast.dmsAccess()).create(), "dmsaccess");
        narrator.step("applied DmsAccessRole " + DemoCast.DMS_ACCESS + ": role " + DMS_ACCESS_ROLE
                + " in reporting trusting " + platform + "'s RAM users, with AliyunDMSLoginConsoleAccess");
        List<GrantRef<?>> grants = List.of(dts, registration, access);
        for (GrantRef<?> grant : grants) {
            GrantStatus status = awaitStatus(grant, "to become Ready",
                    s -> isReady(s) && s.roleArns != null && !s.roleArns.isEmpty());
            narrator.step(grant.display() + " is Ready: " + status.roleArns);
        }
        printGrants();
        for (GrantRef<?> grant : grants) {
            GrantStatus status = grant.status().orElseThrow();
            status.notes.forEach(note -> narrator.text("  note on " + grant.display() + ": " + note));
        }
        return grants;
    }

    /** The pass after creation finds RAM exactly as desired and writes nothing. */
    private void awaitQuietPass(List<GrantRef<?>> grants) {
        for (GrantRef<?> grant : grants) {
            awaitStatus(grant, "a resync that finds nothing to do (" + GrantReasons.UP_TO_DATE + ")",
                    s -> isReady(s) && GrantReasons.UP_TO_DATE.equals(KubectlView.ready(s).getReason()));
        }
        narrator.step("next resync: RAM matches every grant, nothing written (" + GrantReasons.UP_TO_DATE + ")");
    }

    private List<Correction> injectDrift(List<GrantRef<?>> grants) {
        narrator.title("3. Drift: a console user edits RAM behind the operator's back");
        GrantRef<?> dts = grants.get(0);
        GrantRef<?> registration = grants.get(1);
        GrantRef<?> access = grants.get(2);
        List<DriftCase> cases = List.of(
                new DriftCase("trust policy of " + DTS_ROLE + " in orders now trusts " + STRANGER_ACCOUNT_ID,
                        dts,
                        () -> ordersConsole.replaceTrustPolicy(DTS_ROLE, STRANGER_TRUST),
                        () -> PolicyDocument.parse(ordersConsole.trustPolicy(DTS_ROLE))),
                new DriftCase("AdministratorAccess attached to " + DMS_ACCESS_ROLE + " in reporting",
                        access,
                        () -> reportingConsole.attachSystemPolicy("AdministratorAccess", DMS_ACCESS_ROLE),
                        () -> reportingConsole.attachedPolicies(DMS_ACCESS_ROLE)),
                new DriftCase("custom policy of " + DMS_REGISTRATION_ROLE + " widened by a new default version",
                        registration,
                        () -> reportingConsole.newDefaultPolicyVersion(
                                reportingConsole.customPolicyOf(DMS_REGISTRATION_ROLE), WIDENED_POLICY),
                        () -> PolicyDocument.parse(reportingConsole.defaultPolicyDocument(
                                reportingConsole.customPolicyOf(DMS_REGISTRATION_ROLE)))));
        List<Correction> corrections = new ArrayList<>();
        for (DriftCase drift : cases) {
            corrections.add(correct(drift));
        }
        return corrections;
    }

    private Correction correct(DriftCase drift) {
        GrantRef<?> grant = drift.grant();
        Object before = drift.ramState().get();
        GrantStatus statusBefore = grant.status().orElseThrow();
        Set<String> eventsBefore = grant.events().stream().map(e -> e.getMetadata().getName())
                .collect(Collectors.toSet());
        narrator.text("");
        long start = System.nanoTime();
        drift.inject().run();
        narrator.step("drift: " + drift.description() + " (signed RAM SDK call)");
        GrantStatus after = waiter.until("the operator to correct: " + drift.description(), () -> {
            Optional<GrantStatus> status = grant.status();
            boolean corrected = status.isPresent() && isReady(status.get())
                    && !Objects.equals(correctionOf(status.get()), correctionOf(statusBefore))
                    && before.equals(drift.ramState().get());
            return corrected ? status : Optional.empty();
        }, () -> statusLine(grant));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<Event> newEvents = grant.events().stream()
                .filter(e -> !eventsBefore.contains(e.getMetadata().getName())).toList();
        List<String> actions = after.lastDriftCorrection.actions;
        narrator.step("corrected after " + Narrator.seconds(took) + " by the resync of " + grant.display()
                + ": " + String.join("; ", actions));
        narrator.command(grant.describeCommand() + "   # Conditions and Events");
        narrator.text("  Conditions:");
        narrator.block(KubectlView.conditions(after));
        narrator.text("  Events (new):");
        narrator.block(KubectlView.events(newEvents));
        return new Correction(drift.description(), grant.display(),
                newEvents.stream().map(Event::getReason).distinct().toList(), took);
    }

    void printGrants() {
        narrator.command("kubectl get dtsgrant -n " + GRANTS_NAMESPACE);
        narrator.block(kubectl.grants(io.ramgrants.api.CrossAccountDtsGrant.class, GRANTS_NAMESPACE));
        narrator.command("kubectl get dmsrole -n " + GRANTS_NAMESPACE);
        narrator.block(kubectl.grants(io.ramgrants.api.DmsRegistrationRole.class, GRANTS_NAMESPACE));
        narrator.command("kubectl get dmsaccess -n " + GRANTS_NAMESPACE);
        narrator.block(kubectl.grants(io.ramgrants.api.DmsAccessRole.class, GRANTS_NAMESPACE));
    }

    private GrantStatus awaitStatus(GrantRef<?> grant, String what, java.util.function.Predicate<GrantStatus> test) {
        return waiter.until(grant.display() + " (namespace " + GRANTS_NAMESPACE + ") " + what,
                () -> grant.status().filter(test), () -> statusLine(grant));
    }

    private static boolean isReady(GrantStatus status) {
        Condition ready = KubectlView.ready(status);
        return ready != null && Conditions.TRUE.equals(ready.getStatus());
    }

    private static Object correctionOf(GrantStatus status) {
        return status.lastDriftCorrection == null ? null
                : List.of(String.valueOf(status.lastDriftCorrection.time), status.lastDriftCorrection.actions);
    }

    private static String statusLine(GrantRef<?> grant) {
        return grant.status().map(s -> s.conditions.stream()
                        .map(c -> c.getType() + "=" + c.getStatus() + " " + c.getReason() + ": " + c.getMessage())
                        .collect(Collectors.joining("; ")))
                .orElse("no status yet");
    }

    private boolean accountReady(String name) {
        AlibabaCloudAccount account = client.resources(AlibabaCloudAccount.class).withName(name).get();
        return account != null && account.getStatus() != null
                && Conditions.isTrue(account.getStatus().conditions, Conditions.READY);
    }

    private String accountConditions(String name) {
        AlibabaCloudAccount account = client.resources(AlibabaCloudAccount.class).withName(name).get();
        if (account == null || account.getStatus() == null) {
            return "no status yet";
        }
        return account.getStatus().conditions.stream()
                .map(c -> c.getType() + "=" + c.getStatus() + " " + c.getReason() + ": " + c.getMessage())
                .collect(Collectors.joining("; "));
    }
}
