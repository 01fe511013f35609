package io.ramgrants.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ramgrants.desired.DesiredCustomPolicy;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.engine.Change;
import io.ramgrants.engine.PlannedAction;
import io.ramgrants.manifest.EvaluatedResource;
import io.ramgrants.manifest.ManifestProblem;
import java.util.List;

/**
 * Prints a plan as text for people or as the JSON README documents, for tools:
 * {@code {"resources":[{"kind","namespace","name","valid","errors","roles","actions"}]}}, each
 * role {@code {"accountId","roleName","trustPolicy","attachedPolicies","customPolicies"}}.
 * Additive fields: per resource {@code notes}, {@code file}, {@code diffed}, {@code changes} (one
 * object per field an action changes: {@code op, action, account, role, policy, field, before,
 * after, reason}), {@code actionDetails} (each action as an object with its changes) and, when
 * diffed against RAM, {@code findings}; at the top, {@code errors} for files that could not be
 * read. docs/plan.md documents the schema. The text reads like {@code terraform plan}: {@code +}
 * creates or adds, {@code -} removes, {@code ~} changes in place.
 */
public final class PlanRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String json(List<PlannedResource> resources, List<ManifestProblem> problems) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("resources");
        resources.forEach(r -> array.add(resourceNode(r)));
        ArrayNode errors = root.putArray("errors");
        problems.forEach(p -> errors.add(p.toString()));
        try {
            return JSON.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    public String text(List<PlannedResource> resources, List<ManifestProblem> problems) {
        StringBuilder out = new StringBuilder();
        problems.forEach(p -> line(out, 0, "error: " + p));
        for (PlannedResource planned : resources) {
            EvaluatedResource r = planned.evaluated();
            line(out, 0, r.displayName() + " (" + r.source().location() + "): " + (r.valid() ? "valid" : "INVALID"));
            r.errors().forEach(e -> line(out, 1, "error: " + e));
            r.desired().ifPresent(state -> describe(out, state));
            if (!planned.planned().isEmpty()) {
                line(out, 1, planned.diffed() ? "actions (diffed against RAM):" : "actions (against empty accounts):");
                for (PlannedAction action : planned.planned()) {
                    line(out, 2, action.symbol() + " " + action.line());
                    action.changes().forEach(c -> line(out, 4, c.line()
                            + (c.reason() == null || c.reason().isEmpty() ? "" : "  # " + c.reason())));
                }
            } else if (!planned.actions().isEmpty()) {
                line(out, 1, "actions:");
                planned.actions().forEach(a -> line(out, 2, a));
            }
            if (!planned.findings().isEmpty()) {
                line(out, 1, "in RAM:");
                planned.findings().forEach(f -> line(out, 2, f));
            }
        }
        long invalid = resources.stream().filter(r -> !r.evaluated().valid()).count();
        long actions = resources.stream().mapToLong(r -> r.actions().size()).sum();
        line(out, 0, resources.size() + " resource(s), " + invalid + " invalid, " + problems.size()
                + " unreadable document(s), " + actions + " action(s)");
        return out.toString();
    }

    private static void describe(StringBuilder out, DesiredState state) {
        for (DesiredRole role : state.roles()) {
            line(out, 1, "role " + role.roleName() + " in " + role.accountId() + " (" + role.arn() + ")");
            line(out, 2, "trust policy: " + role.trustPolicy().toJson());
            role.systemPolicies().forEach(p -> line(out, 2, "attached: " + p + " (System)"));
            for (DesiredCustomPolicy policy : role.customPolicies()) {
                line(out, 2, "attached: " + policy.policyName() + " (Custom): " + policy.document().toJson());
            }
        }
        state.notes().forEach(n -> line(out, 1, "note: " + n));
    }

    private static ObjectNode resourceNode(PlannedResource planned) {
        EvaluatedResource r = planned.evaluated();
        ObjectNode node = JSON.createObjectNode();
        node.put("kind", r.kind());
        node.put("namespace", r.namespace());
        node.put("name", r.name());
        node.put("valid", r.valid());
        ArrayNode errors = node.putArray("errors");
        r.errors().forEach(errors::add);
        ArrayNode roles = node.putArray("roles");
        r.desired().ifPresent(state -> state.roles().forEach(role -> roles.add(roleNode(role))));
        ArrayNode actions = node.putArray("actions");
        planned.actions().forEach(actions::add);
        ArrayNode changes = node.putArray("changes");
        planned.planned().forEach(a -> a.changes().forEach(c -> changes.add(changeNode(c))));
        ArrayNode details = node.putArray("actionDetails");
        planned.planned().forEach(a -> {
            ObjectNode action = details.addObject();
            action.put("action", a.action());
            action.put("op", a.symbol());
            action.put("account", a.accountId());
            action.put("line", a.line());
            action.put("field", a.field().label());
            ArrayNode its = action.putArray("changes");
            a.changes().forEach(c -> its.add(changeNode(c)));
        });
        node.put("diffed", planned.diffed());
        ArrayNode states = node.putArray("roleStates");
        planned.roleStates().forEach(v -> states.addObject().put("accountId", v.accountId())
                .put("roleName", v.roleName()).put("state", v.state()));
        ArrayNode notes = node.putArray("notes");
        r.desired().ifPresent(state -> state.notes().forEach(notes::add));
        node.put("file", r.source().location());
        if (!planned.findings().isEmpty()) {
            ArrayNode findings = node.putArray("findings");
            planned.findings().forEach(findings::add);
        }
        return node;
    }

    private static ObjectNode changeNode(Change change) {
        ObjectNode node = JSON.createObjectNode();
        node.put("op", change.op());
        node.put("action", change.action());
        node.put("account", change.account());
        node.put("role", change.role());
        node.put("policy", change.policy());
        node.put("field", change.field());
        node.put("before", change.before());
        node.put("after", change.after());
        node.put("reason", change.reason());
        return node;
    }

    private static ObjectNode roleNode(DesiredRole role) {
        ObjectNode node = JSON.createObjectNode();
        node.put("accountId", role.accountId());
        node.put("roleName", role.roleName());
        node.set("trustPolicy", role.trustPolicy().toJsonNode());
        ArrayNode attached = node.putArray("attachedPolicies");
        role.systemPolicies().forEach(p -> attached.addObject().put("policyName", p).put("policyType", "System"));
        role.customPolicies().forEach(p -> attached.addObject().put("policyName", p.policyName()).put("policyType", "Custom"));
        ArrayNode custom = node.putArray("customPolicies");
        role.customPolicies().forEach(p -> {
            ObjectNode policy = custom.addObject().put("policyName", p.policyName());
            policy.set("document", p.document().toJsonNode());
        });
        return node;
    }

    private static void line(StringBuilder out, int indent, String text) {
        out.append("  ".repeat(indent)).append(text).append(System.lineSeparator());
    }
}
