package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** One side of a DTS task: who owns the instance, and what it is. */
@ValidationRule(value = "has(self.accountRef) != has(self.accountId)",
        message = "set exactly one of accountRef (an AlibabaCloudAccount name) or accountId")
public class DtsEndpoint {
    @JsonPropertyDescription("The AlibabaCloudAccount that owns the instance.")
    public AccountRef accountRef;
    @Pattern(FieldPatterns.ACCOUNT_ID)
    @JsonPropertyDescription("UID of the account that owns the instance (instead of accountRef).")
    public String accountId;
    @Required
    @JsonPropertyDescription("Database engine of the instance; the destination must be RdsMySQL (Alibaba Cloud documentation \"Configure RAM authorization for cross-account DTS tasks\").")
    public DtsEngine engine;
}
