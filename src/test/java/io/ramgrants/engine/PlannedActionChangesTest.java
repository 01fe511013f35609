package io.ramgrants.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.engine.PlannedAction.AttachPolicy;
import io.ramgrants.engine.PlannedAction.CreatePolicyVersion;
import io.ramgrants.engine.PlannedAction.CreateRole;
import io.ramgrants.engine.PlannedAction.DeletePolicy;
import io.ramgrants.engine.PlannedAction.DeletePolicyVersion;
import io.ramgrants.engine.PlannedAction.DeleteRole;
import io.ramgrants.engine.PlannedAction.DetachPolicy;
import io.ramgrants.engine.PlannedAction.UpdateRole;
import io.ramgrants.engine.PlannedAction.CreatePolicy;
import io.ramgrants.ram.PolicyType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The field-level changes each action carries: before and after, by principal type and by policy action. */
class PlannedActionChangesTest {
    static final String A = "1111111111111111";

    static String trust(String ram, String service) {
        return "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{"
                + (ram == null ? "" : "\"RAM\":[\"" + ram + "\"]") + (ram != null && service != null ? "," : "")
                + (service == null ? "" : "\"Service\":\"" + service + "\"") + "}}],\"Version\":\"1\"}";
    }

    static String policy(String... actions) {
        return "{\"Statement\":[{\"Action\":[\"" + String.join("\",\"", actions)
                + "\"],\"Effect\":\"Allow\",\"Resource\":\"*\"}],\"Version\":\"1\"}";
    }

    static List<String> lines(PlannedAction action) {
        return action.changes().stream().map(Change::line).toList();
    }

    @Test
    void trustPrincipalsAreListedByTypeAddedAndRemoved() {
        UpdateRole update = new UpdateRole(A, "r", trust("acs:ram::2:root", "2@dts.aliyuncs.com"), null,
                trust("acs:ram::9:root", "2@dts.aliyuncs.com"), null);

        assertThat(lines(update)).containsExactly("- trust.principal.RAM: \"acs:ram::9:root\"",
                "+ trust.principal.RAM: \"acs:ram::2:root\"");
        assertThat(update.changes()).allSatisfy(c -> {
            assertThat(c.action()).isEqualTo("UpdateRole");
            assertThat(c.account()).isEqualTo(A);
            assertThat(c.role()).isEqualTo("r");
            assertThat(c.policy()).isNull();
        });
        assertThat(update.symbol()).isEqualTo("~");
        assertThat(update.eventReason()).isEqualTo("TrustPolicyUpdated");
        assertThat(update.detailedLine()).isEqualTo("UpdateRole r in " + A + " (trust policy) ["
                + "- trust.principal.RAM: \"acs:ram::9:root\"; + trust.principal.RAM: \"acs:ram::2:root\"]");
    }

    @Test
    void aServicePrincipalAddedIsItsOwnChange() {
        UpdateRole update = new UpdateRole(A, "r", trust("acs:ram::2:root", "2@dts.aliyuncs.com"), null,
                trust("acs:ram::2:root", null), null);

        assertThat(lines(update)).containsExactly("+ trust.principal.Service: \"2@dts.aliyuncs.com\"");
    }

    @Test
    void aTrustDifferenceBesidesPrincipalsShowsBothDocuments() {
        String before = trust("acs:ram::2:root", null);
        String after = before.replace("\"Effect\":\"Allow\"", "\"Effect\":\"Allow\",\"Condition\":{\"Bool\":{\"x\":\"true\"}}");
        UpdateRole update = new UpdateRole(A, "r", after, null, before, null);

        assertThat(update.changes()).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo("trust");
            assertThat(c.before()).isEqualTo(before);
            assertThat(c.after()).isEqualTo(after);
        });
        assertThat(update.detailedLine()).as("documents stay out of one-line renderings")
                .isEqualTo("UpdateRole r in " + A + " (trust policy)");
    }

    @Test
    void anUnreadableDocumentIsShownWhole() {
        UpdateRole update = new UpdateRole(A, "r", trust("acs:ram::2:root", null), null, "not json", null);

        assertThat(update.changes()).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo("trust");
            assertThat(c.before()).isEqualTo("not json");
        });
    }

    @Test
    void theDescriptionCarriesTheMarkerBeforeAndAfter() {
        UpdateRole update = new UpdateRole(A, "r", null, "managed-by ramgrants.io ns/Kind/name", null, "by hand");

        assertThat(lines(update)).containsExactly(
                "~ description: \"by hand\" -> \"managed-by ramgrants.io ns/Kind/name\"");
        assertThat(update.eventReason()).isEqualTo("RoleDescriptionUpdated");
    }

    @Test
    void customPolicyActionsAddedAndRemoved() {
        CreatePolicyVersion version = new CreatePolicyVersion(A, "p", policy("rds:A", "rds:B"), true,
                policy("rds:A", "ecs:Delete"));

        assertThat(lines(version)).containsExactly("- policy.action p: \"ecs:Delete\"", "+ policy.action p: \"rds:B\"");
        assertThat(version.changes()).allSatisfy(c -> assertThat(c.policy()).isEqualTo("p"));
        assertThat(version.detailedLine()).endsWith("[- policy.action p: \"ecs:Delete\"; + policy.action p: \"rds:B\"]");
    }

    @Test
    void aCreatedRoleListsItsPrincipalsAndDescription() {
        CreateRole create = new CreateRole(A, "r", trust("acs:ram::2:root", "2@dts.aliyuncs.com"), "d");

        assertThat(lines(create)).containsExactly("+ role: \"r\"", "+ trust.principal.RAM: \"acs:ram::2:root\"",
                "+ trust.principal.Service: \"2@dts.aliyuncs.com\"", "+ description: \"d\"");
        assertThat(create.symbol()).isEqualTo("+");
        assertThat(create.detailedLine()).isEqualTo(create.line());
    }

    @Test
    void everyActionHasOneEventReasonAndASymbol() {
        List<PlannedAction> all = List.of(new CreateRole(A, "r", trust("x", null), "d"),
                new UpdateRole(A, "r", trust("x", null), null), new UpdateRole(A, "r", null, "d"),
                new AttachPolicy(A, "r", PolicyType.System, "P"), new DetachPolicy(A, "r", PolicyType.System, "P"),
                new CreatePolicy(A, "p", policy("a:b"), "d"), new CreatePolicyVersion(A, "p", policy("a:b"), true),
                new DeletePolicyVersion(A, "p", "v1"), new DeletePolicy(A, "p"), new DeleteRole(A, "r"));

        assertThat(all).extracting(PlannedAction::eventReason).containsExactly("RoleCreated", "TrustPolicyUpdated",
                "RoleDescriptionUpdated", "PolicyAttached", "PolicyDetached", "PolicyCreated", "PolicyVersionCreated",
                "PolicyVersionDeleted", "PolicyDeleted", "RoleDeleted");
        assertThat(all).extracting(PlannedAction::symbol).containsExactly("+", "~", "~", "+", "-", "+", "~", "-", "-",
                "-");
        assertThat(all).allSatisfy(a -> assertThat(a.changes()).isNotEmpty());
    }

    @Test
    void removalsCarryTheirReason() {
        DetachPolicy detach = new DetachPolicy(A, "r", PolicyType.Custom, "p", "no longer declared");

        assertThat(detach.changes()).singleElement().satisfies(c -> {
            assertThat(c.op()).isEqualTo("-");
            assertThat(c.field()).isEqualTo("attachment");
            assertThat(c.before()).isEqualTo("Custom/p");
            assertThat(c.after()).isNull();
            assertThat(c.reason()).isEqualTo("no longer declared");
        });
    }

    @Test
    void thePlannerCarriesWhatRamHadIntoTheActions() {
        ObservedRole observed = Observations.role(A, "ram-for-dts", DifferTest.DTS_TRUST_OTHER_TASK, "hand written",
                List.of(Observations.system("AliyunDTSRolePolicy")));
        RolePlan plan = new Planner().plan(new Differ().diff(DifferTest.DTS, observed));

        assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(UpdateRole.class, u -> {
            assertThat(u.oldTrustDocument()).isEqualTo(DifferTest.DTS_TRUST_OTHER_TASK);
            assertThat(u.oldDescription()).isEqualTo("hand written");
        });
        assertThat(plan.actions().get(0).changes()).extracting(Change::field)
                .contains("trust.principal.RAM", "description");
    }

    @Test
    void aNewDefaultVersionCarriesTheOldDefaultDocument() {
        ObservedRole observed = Observations.role(A, "ram-for-dms", DifferTest.DMS_TRUST, DifferTest.DMS_MARKER,
                List.of(Observations.custom("dms-redis-policy")),
                PlannerTest.widenedWith(1, 1));
        RolePlan plan = new Planner().plan(new Differ().diff(DifferTest.DMS, observed));

        assertThat(plan.actions()).filteredOn(a -> a instanceof CreatePolicyVersion).singleElement()
                .satisfies(a -> assertThat(a.changes()).extracting(Change::field).contains("policy.action")
                        .doesNotContain("policy.document"));
    }

    @Test
    void aHostileValueStaysOnItsLine() {
        UpdateRole update = new UpdateRole(A, "r", null, "x\n+ trust.principal.RAM: \"acs:ram::6:root\"\u202e", null, "y");

        assertThat(update.changes().get(0).line()).doesNotContain("\n")
                .isEqualTo("~ description: \"y\" -> \"x\\n+ trust.principal.RAM: \\\"acs:ram::6:root\\\"\\u202e\"");
    }
}
