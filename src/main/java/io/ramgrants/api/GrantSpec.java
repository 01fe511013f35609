package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;

/** Fields common to the three grant kinds. */
public abstract class GrantSpec {
    @Default("Delete")
    @JsonPropertyDescription("Delete: remove the roles and our policies with the resource. Retain: leave RAM as is.")
    public DeletionPolicy deletionPolicy = DeletionPolicy.Delete;
    @Default("Manage")
    @JsonPropertyDescription("Manage: converge RAM. Observe: read and report drift, never write.")
    public ManagementPolicy managementPolicy = ManagementPolicy.Manage;
    @Default("Never")
    @JsonPropertyDescription("IfUnowned: take over an existing role that carries no ownership marker.")
    public AdoptionPolicy adoption = AdoptionPolicy.Never;
    @Size(max = FieldPatterns.MAX_USER_DESCRIPTION)
    @JsonPropertyDescription("Appended to the ownership marker in the RAM description of roles and policies.")
    public String description;
}
