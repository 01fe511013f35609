package io.ramgrants.api;

/** Fields common to the three grant kinds. */
public abstract class GrantSpec {
    public DeletionPolicy deletionPolicy = DeletionPolicy.Delete;
    public ManagementPolicy managementPolicy = ManagementPolicy.Manage;
    public AdoptionPolicy adoption = AdoptionPolicy.Never;
    public String description;
}
