package io.ramgrants.api;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Status of every grant kind: the last observation, rebuilt on each pass. */
public class GrantStatus {
    public Long observedGeneration;
    public List<Condition> conditions = new ArrayList<>();
    public List<RoleStatus> roles = new ArrayList<>();
    /** Role ARNs joined by commas, for the printer column. */
    public String roleArns;
    /** The pending plan (Observe mode, pause, or a failed apply): one line per RAM action. */
    public List<String> plan = new ArrayList<>();
    public String lastSyncTime;
    public DriftCorrection lastDriftCorrection;
    /** Human notes, e.g. which accounts got roles, missing AliyunDTSDefaultRole, AliyunSTSAssumeRoleAccess reminder. */
    public List<String> notes = new ArrayList<>();
    /**
     * Where the resource holds RAM entities, by account: what it declares and what it still has to
     * remove (or keeps by deletionPolicy Retain). Lets the operator find them after a spec change,
     * across restarts. Null on a status written before the inventory existed.
     */
    public List<InventoryEntry> inventory;
}
