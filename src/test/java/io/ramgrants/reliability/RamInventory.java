package io.ramgrants.reliability;

import com.aliyun.ram20150501.Client;
import com.aliyun.ram20150501.models.GetPolicyRequest;
import com.aliyun.ram20150501.models.GetRoleRequest;
import com.aliyun.ram20150501.models.ListPoliciesForRoleRequest;
import com.aliyun.ram20150501.models.ListPoliciesRequest;
import com.aliyun.ram20150501.models.ListPoliciesResponseBody;
import com.aliyun.ram20150501.models.ListPolicyVersionsRequest;
import com.aliyun.ram20150501.models.ListRolesRequest;
import com.aliyun.ram20150501.models.ListRolesResponseBody;
import com.aliyun.teaopenapi.models.Config;
import io.ramgrants.desired.DesiredCustomPolicy;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.DesiredState;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.policy.PolicyDocument;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Everything in one account's RAM, read through the official SDK (ListRoles and ListPolicies
 * with paging, then GetRole, ListPoliciesForRole, GetPolicy, ListPolicyVersions), as a value
 * that can be compared with what the desired states add up to. Documents are parsed, so the
 * comparison is semantic; names compare case-insensitively, as RAM does.
 */
final class RamInventory {
    /** One role: trust document, description and attachments as {@code Type/Name}. */
    record Role(PolicyDocument trust, String description, Set<String> attached) {}

    /** One custom policy: default document, description and how many versions it has. */
    record Policy(PolicyDocument document, String description, int versions) {}

    /** One account's roles and custom policies, keyed by lower-cased name. */
    record Account(Map<String, Role> roles, Map<String, Policy> policies) {
        Account {
            roles = new TreeMap<>(roles);
            policies = new TreeMap<>(policies);
        }

        /** The same account with version counts left out, for policies whose history differs by design. */
        Account withoutVersionCounts() {
            Map<String, Policy> normalised = new TreeMap<>();
            policies.forEach((name, p) -> normalised.put(name, new Policy(p.document(), p.description(), 0)));
            return new Account(roles, normalised);
        }
    }

    private RamInventory() {}

    static Client client(RamEmulator emulator, String accessKeyId, String accessKeySecret) {
        try {
            return new Client(new Config().setAccessKeyId(accessKeyId).setAccessKeySecret(accessKeySecret)
                    .setEndpoint("127.0.0.1:" + emulator.port()).setProtocol("HTTP"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The account as RAM holds it, keeping only roles and custom policies whose name passes {@code nameFilter}. */
    static Account read(Client ram, Predicate<String> nameFilter) {
        try {
            Map<String, Role> roles = new TreeMap<>();
            for (String name : roleNames(ram)) {
                if (nameFilter.test(name)) {
                    roles.put(name.toLowerCase(Locale.ROOT), role(ram, name));
                }
            }
            Map<String, Policy> policies = new TreeMap<>();
            for (ListPoliciesResponseBody.ListPoliciesResponseBodyPoliciesPolicy p : customPolicies(ram)) {
                if (!nameFilter.test(p.getPolicyName())) {
                    continue;
                }
                policies.put(p.getPolicyName().toLowerCase(Locale.ROOT), policy(ram, p.getPolicyName()));
            }
            return new Account(roles, policies);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read RAM: " + e.getMessage(), e);
        }
    }

    static Account read(Client ram) {
        return read(ram, name -> true);
    }

    /** The union of what {@code states} want in {@code accountId}. */
    static Account expected(Collection<DesiredState> states, String accountId) {
        Map<String, Role> roles = new TreeMap<>();
        Map<String, Policy> policies = new TreeMap<>();
        for (DesiredState state : states) {
            for (DesiredRole role : state.roles()) {
                if (!role.accountId().equals(accountId)) {
                    continue;
                }
                Set<String> attached = new TreeSet<>();
                role.systemPolicies().forEach(p -> attached.add("System/" + p));
                for (DesiredCustomPolicy custom : role.customPolicies()) {
                    attached.add("Custom/" + custom.policyName());
                    policies.put(custom.policyName().toLowerCase(Locale.ROOT),
                            new Policy(custom.document(), custom.description(), 1));
                }
                roles.put(role.roleName().toLowerCase(Locale.ROOT), new Role(role.trustPolicy(), role.description(),
                        attached));
            }
        }
        return new Account(roles, policies);
    }

    private static List<String> roleNames(Client ram) throws Exception {
        List<String> names = new java.util.ArrayList<>();
        String marker = null;
        do {
            ListRolesResponseBody body = ram.listRoles(new ListRolesRequest().setMaxItems(100).setMarker(marker))
                    .getBody();
            body.getRoles().getRole().forEach(r -> names.add(r.getRoleName()));
            marker = Boolean.TRUE.equals(body.getIsTruncated()) ? body.getMarker() : null;
        } while (marker != null);
        return names;
    }

    private static List<ListPoliciesResponseBody.ListPoliciesResponseBodyPoliciesPolicy> customPolicies(Client ram)
            throws Exception {
        List<ListPoliciesResponseBody.ListPoliciesResponseBodyPoliciesPolicy> all = new java.util.ArrayList<>();
        String marker = null;
        do {
            ListPoliciesResponseBody body = ram.listPolicies(new ListPoliciesRequest().setPolicyType("Custom")
                    .setMaxItems(100).setMarker(marker)).getBody();
            all.addAll(body.getPolicies().getPolicy());
            marker = Boolean.TRUE.equals(body.getIsTruncated()) ? body.getMarker() : null;
        } while (marker != null);
        return all;
    }

    private static Role role(Client ram, String name) throws Exception {
        var role = ram.getRole(new GetRoleRequest().setRoleName(name)).getBody().getRole();
        Set<String> attached = new TreeSet<>();
        ram.listPoliciesForRole(new ListPoliciesForRoleRequest().setRoleName(name)).getBody().getPolicies().getPolicy()
                .forEach(p -> attached.add(p.getPolicyType() + "/" + p.getPolicyName()));
        return new Role(PolicyDocument.parse(role.getAssumeRolePolicyDocument()), role.getDescription(), attached);
    }

    private static Policy policy(Client ram, String name) throws Exception {
        var body = ram.getPolicy(new GetPolicyRequest().setPolicyType("Custom").setPolicyName(name)).getBody();
        int versions = ram.listPolicyVersions(new ListPolicyVersionsRequest().setPolicyType("Custom")
                .setPolicyName(name)).getBody().getPolicyVersions().getPolicyVersion().size();
        return new Policy(PolicyDocument.parse(body.getDefaultPolicyVersion().getPolicyDocument()),
                body.getPolicy().getDescription(), versions);
    }
}
