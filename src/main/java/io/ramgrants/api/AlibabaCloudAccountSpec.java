package io.ramgrants.api;

import java.util.ArrayList;
import java.util.List;

public class AlibabaCloudAccountSpec {
    /** Numeric account UID. */
    public String accountId;
    public AccountCredentials credentials;
    public EndpointOverrides endpoint;
    public Infrastructure infrastructure = Infrastructure.Public;
    /** Namespaces whose grants may use this account; empty = all. */
    public List<String> allowedNamespaces = new ArrayList<>();
    /** External account IDs grants in this account may trust; empty = any account known to the cluster. */
    public List<String> trustableAccounts = new ArrayList<>();
}
