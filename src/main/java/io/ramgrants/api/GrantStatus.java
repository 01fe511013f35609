package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Status of every grant kind: the last observation, rebuilt on each pass. */
public class GrantStatus {
    @JsonPropertyDescription("metadata.generation of the spec this status describes; older than metadata.generation while a spec change is being applied.")
    public Long observedGeneration;
    @JsonPropertyDescription("kstatus conditions: Ready (reason UpToDate, Created, DriftCorrected, DriftDetected, Paused, InvalidSpec, AccountNotReady, ManagementConflict, RamThrottled, RamAccessDenied, ...), Reconciling and Stalled.")
    public List<Condition> conditions = new ArrayList<>();
    @JsonPropertyDescription("Every RAM role the grant needs, one per account, as last observed.")
    public List<RoleStatus> roles = new ArrayList<>();
    /** Role ARNs joined by commas, for the printer column. */
    @JsonPropertyDescription("The role ARNs joined by commas (the ROLE-ARN(S) printer column), e.g. acs:ram::2222222222222222:role/ram-for-dts.")
    public String roleArns;
    /** The pending plan (Observe mode, pause, or a failed apply): one line per RAM action. */
    @JsonPropertyDescription("RAM writes still pending, one line per action (Observe mode, paused, or after a failure); empty when RAM matches.")
    public List<String> plan = new ArrayList<>();
    @JsonPropertyDescription("When RAM was last read for this grant (RFC 3339).")
    public String lastSyncTime;
    @JsonPropertyDescription("The last pass that wrote to RAM for this grant: when, and the actions it took.")
    public DriftCorrection lastDriftCorrection;
    /** Human notes, e.g. which accounts got roles, missing AliyunDTSDefaultRole, AliyunSTSAssumeRoleAccess reminder. */
    @JsonPropertyDescription("Advice that needs no action from the operator, e.g. a missing AliyunDTSDefaultRole or the AliyunSTSAssumeRoleAccess reminder.")
    public List<String> notes = new ArrayList<>();
    /**
     * Where the resource holds RAM entities, by account: what it declares and what it still has to
     * remove (or keeps by deletionPolicy Retain). Lets the operator find them after a spec change,
     * across restarts. Null on a status written before the inventory existed.
     */
    @JsonPropertyDescription("Where the resource holds RAM entities, by account: the roles and custom policies it wrote and has not removed (including those kept by deletionPolicy Retain). The operator looks here after a name or an account leaves the spec; the ownership marker in RAM is the proof of ownership.")
    public List<InventoryEntry> inventory;
}
