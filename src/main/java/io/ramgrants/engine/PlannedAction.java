package io.ramgrants.engine;

import io.ramgrants.ram.PolicyType;
import io.ramgrants.ram.RamErrorKind;
import io.ramgrants.ram.RamException;
import io.ramgrants.ram.RamGateway;
import java.util.ArrayList;
import java.util.List;

/**
 * One RAM write in a plan. Each action knows its printable line (stable: tests, plan output and
 * status rely on it), the field it corrects (for drift metrics) and how to perform itself.
 * Documents are carried in RAM's compact JSON form.
 */
public sealed interface PlannedAction {

    String accountId();

    /** A stable, human-readable line, e.g. {@code CreateRole ram-for-dts in 1111111111111111}. */
    String line();

    DriftField field();

    /** The reason of the Normal event announcing this write once done, e.g. {@code RoleCreated}. */
    String eventReason();

    /** What this write changes, field by field, with before and after (README, "plan and apply": {@code changes}). */
    List<Change> changes();

    /** The verb of {@link #line()}, e.g. {@code CreateRole}. */
    default String action() {
        return getClass().getSimpleName();
    }

    /** {@code +} creates, {@code -} removes, {@code ~} changes in place: the mark of a terraform-like plan. */
    default String symbol() {
        return Change.CHANGED;
    }

    /**
     * {@link #line()} followed, for a change in place ({@code ~}: UpdateRole, CreatePolicyVersion),
     * by its changes in brackets, e.g.
     * {@code UpdateRole r in 1 (trust policy) [- trust.principal.RAM: "a"; + trust.principal.RAM: "b"]}:
     * what status.plan and events carry. Creations and removals say all in
     * their line; whole documents are left out (plan shows them).
     */
    default String detailedLine() {
        if (!Change.CHANGED.equals(symbol())) {
            return line();
        }
        List<String> shown = changes().stream()
                .filter(c -> !c.field().equals("trust") && !c.field().equals("policy.document"))
                .map(Change::line).toList();
        return shown.isEmpty() ? line() : line() + " [" + String.join("; ", shown) + "]";
    }

    void applyTo(RamGateway ram);

    /**
     * True when {@code error} means a previous attempt of this very action already took effect
     * (a retried write), so the action counts as done.
     */
    default boolean alreadyDone(RamException error) {
        return false;
    }

    /**
     * True when {@code error} means the observation this action was planned from is stale
     * (something appeared between observe and apply): stop and re-observe, never duplicate.
     */
    default boolean staleObservation(RamException error) {
        return false;
    }

    /**
     * Like {@link #staleObservation(RamException)}, for a refusal RAM gives alike while it catches up
     * with an earlier write of ours and when someone else wrote since the observation; what RAM holds
     * now, read through {@code ram}, tells the two apart. Catching up is worth waiting for; a stale
     * observation is not (the same call can only be refused again), so the pass stops and re-observes.
     */
    default boolean staleObservation(RamException error, RamGateway ram) {
        return staleObservation(error);
    }

    /** Why a {@linkplain #staleObservation stale observation} stopped this action, for the pass's notes. */
    default String staleNote() {
        return "already exists";
    }

    record CreateRole(String accountId, String roleName, String trustDocument, String description)
            implements PlannedAction {
        public String line() {
            return "CreateRole " + roleName + " in " + accountId;
        }

        public DriftField field() {
            return DriftField.ROLE;
        }

        public String eventReason() {
            return "RoleCreated";
        }

        public String symbol() {
            return Change.ADDED;
        }

        public List<Change> changes() {
            List<Change> changes = new ArrayList<>();
            changes.add(new Change(Change.ADDED, action(), accountId, roleName, null, "role", null, roleName, ""));
            changes.addAll(Changes.trust(action(), accountId, roleName, null, trustDocument).stream()
                    .filter(c -> !c.field().equals("trust")).toList());
            changes.add(new Change(Change.ADDED, action(), accountId, roleName, null, "description", null,
                    description, ""));
            return changes;
        }

        public void applyTo(RamGateway ram) {
            ram.createRole(roleName, trustDocument, description, null);
        }

        public boolean staleObservation(RamException error) {
            return error.kind() == RamErrorKind.ALREADY_EXISTS;
        }
    }

    /**
     * UpdateRole changes trust and description in one call; a null field stays as it is. The old
     * values (null when unknown) are what RAM had, for the plan's before and after.
     * {@code maxSessionDuration} is the role's observed value, sent along because RAM resets an
     * absent NewMaxSessionDuration to 3600 s (an adopted role with longer sessions must keep them).
     */
    record UpdateRole(String accountId, String roleName, String newTrustDocument, String newDescription,
                      String oldTrustDocument, String oldDescription, Integer maxSessionDuration)
            implements PlannedAction {
        public UpdateRole(String accountId, String roleName, String newTrustDocument, String newDescription) {
            this(accountId, roleName, newTrustDocument, newDescription, null, null, null);
        }

        public UpdateRole(String accountId, String roleName, String newTrustDocument, String newDescription,
                          String oldTrustDocument, String oldDescription) {
            this(accountId, roleName, newTrustDocument, newDescription, oldTrustDocument, oldDescription, null);
        }

        public String line() {
            String what = newTrustDocument != null && newDescription != null ? "trust policy, description"
                    : newTrustDocument != null ? "trust policy" : "description";
            return "UpdateRole " + roleName + " in " + accountId + " (" + what + ")";
        }

        public DriftField field() {
            return newTrustDocument != null ? DriftField.TRUST : DriftField.DESCRIPTION;
        }

        public String eventReason() {
            return newTrustDocument != null ? "TrustPolicyUpdated" : "RoleDescriptionUpdated";
        }

        public List<Change> changes() {
            List<Change> changes = new ArrayList<>();
            if (newTrustDocument != null) {
                changes.addAll(Changes.trust(action(), accountId, roleName, oldTrustDocument, newTrustDocument));
            }
            if (newDescription != null) {
                changes.add(new Change(Change.CHANGED, action(), accountId, roleName, null, "description",
                        oldDescription, newDescription, ""));
            }
            return changes;
        }

        public void applyTo(RamGateway ram) {
            ram.updateRole(roleName, newTrustDocument, newDescription, maxSessionDuration);
        }
    }

    record AttachPolicy(String accountId, String roleName, PolicyType policyType, String policyName)
            implements PlannedAction {
        public String line() {
            return "AttachPolicy " + policyType + "/" + policyName + " to " + roleName + " in " + accountId;
        }

        public DriftField field() {
            return DriftField.ATTACHMENT;
        }

        public String eventReason() {
            return "PolicyAttached";
        }

        public String symbol() {
            return Change.ADDED;
        }

        public List<Change> changes() {
            String key = policyType + "/" + policyName;
            return List.of(new Change(Change.ADDED, action(), accountId, roleName, key, "attachment", null, key, ""));
        }

        public void applyTo(RamGateway ram) {
            ram.attachPolicyToRole(policyType, policyName, roleName);
        }

        public boolean alreadyDone(RamException error) {
            return error.kind() == RamErrorKind.ALREADY_EXISTS;
        }
    }

    /**
     * {@code why} (may be empty) is appended to the line, e.g. {@code (no longer declared)} for
     * the removal of something the resource owns but its spec no longer wants.
     */
    record DetachPolicy(String accountId, String roleName, PolicyType policyType, String policyName, String why)
            implements PlannedAction {
        public DetachPolicy(String accountId, String roleName, PolicyType policyType, String policyName) {
            this(accountId, roleName, policyType, policyName, "");
        }

        public String line() {
            return "DetachPolicy " + policyType + "/" + policyName + " from " + roleName + " in " + accountId
                    + Removals.suffix(why);
        }

        public DriftField field() {
            return DriftField.ATTACHMENT;
        }

        public String eventReason() {
            return "PolicyDetached";
        }

        public String symbol() {
            return Change.REMOVED;
        }

        public List<Change> changes() {
            String key = policyType + "/" + policyName;
            return List.of(new Change(Change.REMOVED, action(), accountId, roleName, key, "attachment", key, null,
                    why));
        }

        public void applyTo(RamGateway ram) {
            ram.detachPolicyFromRole(policyType, policyName, roleName);
        }

        public boolean alreadyDone(RamException error) {
            return error.kind() == RamErrorKind.NOT_FOUND;
        }
    }

    record CreatePolicy(String accountId, String policyName, String document, String description)
            implements PlannedAction {
        public String line() {
            return "CreatePolicy " + policyName + " in " + accountId;
        }

        public DriftField field() {
            return DriftField.CUSTOM_POLICY;
        }

        public String eventReason() {
            return "PolicyCreated";
        }

        public String symbol() {
            return Change.ADDED;
        }

        public List<Change> changes() {
            List<Change> changes = new ArrayList<>();
            changes.add(new Change(Change.ADDED, action(), accountId, null, policyName, "policy", null, policyName, ""));
            changes.addAll(Changes.policy(action(), accountId, null, policyName, null, document));
            return changes;
        }

        public void applyTo(RamGateway ram) {
            ram.createPolicy(policyName, document, description);
        }

        public boolean staleObservation(RamException error) {
            return error.kind() == RamErrorKind.ALREADY_EXISTS;
        }
    }

    /** {@code oldDocument} is the default version's document before (null when unknown). */
    record CreatePolicyVersion(String accountId, String policyName, String document, boolean setAsDefault,
                               String oldDocument) implements PlannedAction {
        public CreatePolicyVersion(String accountId, String policyName, String document, boolean setAsDefault) {
            this(accountId, policyName, document, setAsDefault, null);
        }

        public String eventReason() {
            return "PolicyVersionCreated";
        }

        public List<Change> changes() {
            return Changes.policy(action(), accountId, null, policyName, oldDocument, document);
        }

        public String line() {
            return "CreatePolicyVersion " + policyName + " in " + accountId + (setAsDefault ? " (as default)" : "");
        }

        public DriftField field() {
            return DriftField.CUSTOM_POLICY;
        }

        public void applyTo(RamGateway ram) {
            ram.createPolicyVersion(policyName, document, setAsDefault);
        }

        /**
         * RAM refuses a version over its limit while it still counts the version this pass just
         * deleted to make room (catching up), and also when someone else created a version in that
         * room since the observation: RAM's listing then holds the limit again.
         */
        public boolean staleObservation(RamException error, RamGateway ram) {
            return EngineFailure.VERSION_LIMIT_EXCEEDED.equals(error.code())
                    && ram.listPolicyVersions(PolicyType.Custom, policyName).size() >= VersionPruning.MAX_VERSIONS;
        }

        public String staleNote() {
            return "the policy holds " + VersionPruning.MAX_VERSIONS + " versions again (one created since it was"
                    + " observed)";
        }
    }

    record DeletePolicyVersion(String accountId, String policyName, String versionId, String why)
            implements PlannedAction {
        public DeletePolicyVersion(String accountId, String policyName, String versionId) {
            this(accountId, policyName, versionId, "");
        }

        public String line() {
            return "DeletePolicyVersion " + policyName + " " + versionId + " in " + accountId + Removals.suffix(why);
        }

        public DriftField field() {
            return DriftField.CUSTOM_POLICY;
        }

        public String eventReason() {
            return "PolicyVersionDeleted";
        }

        public String symbol() {
            return Change.REMOVED;
        }

        public List<Change> changes() {
            return List.of(new Change(Change.REMOVED, action(), accountId, null, policyName, "policy.version",
                    versionId, null, why.isEmpty() ? "frees a version slot for the new default" : why));
        }

        public void applyTo(RamGateway ram) {
            ram.deletePolicyVersion(policyName, versionId);
        }

        public boolean alreadyDone(RamException error) {
            return error.kind() == RamErrorKind.NOT_FOUND;
        }
    }

    record DeletePolicy(String accountId, String policyName, String why) implements PlannedAction {
        public DeletePolicy(String accountId, String policyName) {
            this(accountId, policyName, "");
        }

        public String line() {
            return "DeletePolicy " + policyName + " in " + accountId + Removals.suffix(why);
        }

        public DriftField field() {
            return DriftField.CUSTOM_POLICY;
        }

        public String eventReason() {
            return "PolicyDeleted";
        }

        public String symbol() {
            return Change.REMOVED;
        }

        public List<Change> changes() {
            return List.of(new Change(Change.REMOVED, action(), accountId, null, policyName, "policy", policyName,
                    null, why));
        }

        public void applyTo(RamGateway ram) {
            ram.deletePolicy(policyName);
        }

        public boolean alreadyDone(RamException error) {
            return error.kind() == RamErrorKind.NOT_FOUND;
        }
    }

    record DeleteRole(String accountId, String roleName, String why) implements PlannedAction {
        public DeleteRole(String accountId, String roleName) {
            this(accountId, roleName, "");
        }

        public String line() {
            return "DeleteRole " + roleName + " in " + accountId + Removals.suffix(why);
        }

        public DriftField field() {
            return DriftField.ROLE;
        }

        public String eventReason() {
            return "RoleDeleted";
        }

        public String symbol() {
            return Change.REMOVED;
        }

        public List<Change> changes() {
            return List.of(new Change(Change.REMOVED, action(), accountId, roleName, null, "role", roleName, null,
                    why));
        }

        public void applyTo(RamGateway ram) {
            ram.deleteRole(roleName);
        }

        public boolean alreadyDone(RamException error) {
            return error.kind() == RamErrorKind.NOT_FOUND;
        }
    }
}
