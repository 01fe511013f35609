package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

public class AlibabaCloudAccountSpec {
    /** Numeric account UID. */
    @Required
    @Pattern(FieldPatterns.ACCOUNT_ID)
    @JsonPropertyDescription("The 16-digit account UID (Security Settings in the console).")
    public String accountId;
    @Required
    @JsonPropertyDescription("How the operator obtains credentials for the account: exactly one of secretRef, assumeRole, oidc, default.")
    public AccountCredentials credentials;
    @JsonPropertyDescription("RAM, STS and ActionTrail base URLs, e.g. http://127.0.0.1:18080/ for the emulator; "
            + "every host must be on the operator's endpoint allow-list.")
    public EndpointOverrides endpoint;
    @Default("Public")
    @JsonPropertyDescription("DTS cannot cross infrastructures: source, destination and task accounts must share one.")
    public Infrastructure infrastructure = Infrastructure.Public;
    /** Namespaces whose grants may use this account; empty = all. */
    @JsonPropertyDescription("Namespaces whose grants may use this account; empty means every namespace.")
    public List<@Pattern(FieldPatterns.NAMESPACE) String> allowedNamespaces = new ArrayList<>();
    /** External account IDs grants in this account may trust; empty = any account known to the cluster. */
    @JsonPropertyDescription("Account UIDs that roles in this account may trust; empty means any account known to the cluster.")
    public List<@Pattern(FieldPatterns.ACCOUNT_ID) String> trustableAccounts = new ArrayList<>();
}
