package io.ramgrants.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ramgrants.ram.AttachedPolicy;
import io.ramgrants.ram.PolicyEntities;
import io.ramgrants.ram.PolicyType;
import io.ramgrants.ram.PolicyVersion;
import io.ramgrants.ram.RamErrorKind;
import io.ramgrants.ram.RamException;
import io.ramgrants.ram.RamGateway;
import io.ramgrants.ram.RamPolicy;
import io.ramgrants.ram.RamRole;
import io.ramgrants.ram.RolePage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory RAM for engine tests: several accounts, RAM's rules where the engine depends on
 * them (five versions, DeleteConflict, case-insensitive role names) and RAM's habit of handing
 * documents back re-serialised (pretty-printed here). Counts calls per action and can fail a
 * chosen call once.
 */
final class FakeRam implements GatewayResolver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Account> accounts = new TreeMap<>();
    private final Map<String, Long> calls = new TreeMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();

    record Fault(String action, RamException error, boolean afterWrite) {}

    @Override
    public RamGateway gatewayFor(String accountId) {
        return accounts.computeIfAbsent(accountId, Account::new);
    }

    Account account(String accountId) {
        return (Account) gatewayFor(accountId);
    }

    /** Fails the next call of {@code action} with {@code kind}; {@code afterWrite} makes the write happen first. */
    void failNext(String action, RamErrorKind kind, String code, boolean afterWrite) {
        faults.add(new Fault(action, new RamException(kind, code, 400, action, "injected", "req-1", null), afterWrite));
    }

    Map<String, Long> calls() {
        return Map.copyOf(calls);
    }

    long writes() {
        return calls.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("Get") && !e.getKey().startsWith("List"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    void resetCalls() {
        calls.clear();
    }

    private <T> T read(String action, java.util.function.Supplier<T> result) {
        call(action, false, () -> { });
        return result.get();
    }

    private void call(String action, boolean write, Runnable effect) {
        calls.merge(action, 1L, Long::sum);
        Fault fault = faults.stream().filter(f -> f.action().equals(action)).findFirst().orElse(null);
        if (fault != null) {
            faults.remove(fault);
            if (fault.afterWrite() && write) {
                effect.run();
            }
            throw fault.error();
        }
        effect.run();
    }

    static RamException error(RamErrorKind kind, String code, String action) {
        return new RamException(kind, code, kind == RamErrorKind.NOT_FOUND ? 404 : 409, action, code, "req", null);
    }

    static String reserialised(String document) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(document));
        } catch (Exception e) {
            return document;
        }
    }

    static final class StoredPolicy {
        final String name;
        String description;
        final List<PolicyVersion> versions = new ArrayList<>();
        int nextVersion = 1;

        StoredPolicy(String name, String description) {
            this.name = name;
            this.description = description;
        }

        PolicyVersion defaultVersion() {
            return versions.stream().filter(PolicyVersion::isDefault).findFirst().orElseThrow();
        }

        void addVersion(String document, boolean asDefault) {
            if (asDefault) {
                versions.replaceAll(v -> new PolicyVersion(v.versionId(), false, v.document(), v.createDate()));
            }
            versions.add(new PolicyVersion("v" + nextVersion, asDefault, document, "2024-01-0" + nextVersion));
            nextVersion++;
        }
    }

    final class Account implements RamGateway {
        final String id;
        final Map<String, RamRole> roles = new LinkedHashMap<>();
        final Map<String, Set<AttachedPolicy>> attachments = new LinkedHashMap<>();
        final Map<String, StoredPolicy> policies = new LinkedHashMap<>();

        Account(String id) {
            this.id = id;
        }

        private String key(String roleName) {
            return roleName.toLowerCase(Locale.ROOT);
        }

        /** An out-of-band edit, as a console user would make it: no call is counted. */
        void putRole(String name, String trust, String description) {
            roles.put(key(name), new RamRole(name, "id-" + name, "acs:ram::" + id + ":role/" + key(name), description,
                    trust, 3600, "2024-01-01", "2024-01-01"));
            attachments.putIfAbsent(key(name), new LinkedHashSet<>());
        }

        void attachOutOfBand(String role, PolicyType type, String policy) {
            attachments.get(key(role)).add(new AttachedPolicy(policy, type));
        }

        void detachOutOfBand(String role, PolicyType type, String policy) {
            attachments.get(key(role)).remove(new AttachedPolicy(policy, type));
        }

        StoredPolicy putPolicy(String name, String document, String description) {
            StoredPolicy p = new StoredPolicy(name, description);
            p.addVersion(document, true);
            policies.put(name, p);
            return p;
        }

        Set<AttachedPolicy> attached(String role) {
            return attachments.getOrDefault(key(role), Set.of());
        }

        @Override
        public String accountId() {
            return id;
        }

        @Override
        public Optional<RamRole> getRole(String roleName) {
            return read("GetRole", () -> Optional.ofNullable(roles.get(key(roleName))).map(r -> new RamRole(r.roleName(), r.roleId(),
                    r.arn(), r.description(), reserialised(r.trustPolicyDocument()), r.maxSessionDuration(),
                    r.createDate(), r.updateDate())));
        }

        @Override
        public RolePage listRoles(String marker, int maxItems) {
            return read("ListRoles", () -> new RolePage(List.copyOf(roles.values()), null));
        }

        @Override
        public RamRole createRole(String roleName, String trust, String description, Integer maxSessionDuration) {
            call("CreateRole", true, () -> {
                if (roles.containsKey(key(roleName))) {
                    throw error(RamErrorKind.ALREADY_EXISTS, "EntityAlreadyExists.Role", "CreateRole");
                }
                putRole(roleName, trust, description);
            });
            return roles.get(key(roleName));
        }

        @Override
        public RamRole updateRole(String roleName, String newTrust, String newDescription, Integer maxSessionDuration) {
            call("UpdateRole", true, () -> {
                RamRole r = requireRole(roleName, "UpdateRole");
                roles.put(key(roleName), new RamRole(r.roleName(), r.roleId(), r.arn(),
                        newDescription == null ? r.description() : newDescription,
                        newTrust == null ? r.trustPolicyDocument() : newTrust,
                        maxSessionDuration == null ? Integer.valueOf(3600) : maxSessionDuration,
                        r.createDate(), "2024-02-01"));
            });
            return roles.get(key(roleName));
        }

        @Override
        public void deleteRole(String roleName) {
            call("DeleteRole", true, () -> {
                requireRole(roleName, "DeleteRole");
                if (!attached(roleName).isEmpty()) {
                    throw error(RamErrorKind.CONFLICT, "DeleteConflict.Role.Policy", "DeleteRole");
                }
                roles.remove(key(roleName));
                attachments.remove(key(roleName));
            });
        }

        @Override
        public List<AttachedPolicy> listPoliciesForRole(String roleName) {
            return read("ListPoliciesForRole", () -> {
                requireRole(roleName, "ListPoliciesForRole");
                return List.copyOf(attached(roleName));
            });
        }

        @Override
        public void attachPolicyToRole(PolicyType type, String policyName, String roleName) {
            call("AttachPolicyToRole", true, () -> {
                requireRole(roleName, "AttachPolicyToRole");
                if (type == PolicyType.Custom && !policies.containsKey(policyName)) {
                    throw error(RamErrorKind.NOT_FOUND, "EntityNotExist.Policy", "AttachPolicyToRole");
                }
                if (!attachments.get(key(roleName)).add(new AttachedPolicy(policyName, type))) {
                    throw error(RamErrorKind.ALREADY_EXISTS, "EntityAlreadyExists.Role.Policy", "AttachPolicyToRole");
                }
            });
        }

        @Override
        public void detachPolicyFromRole(PolicyType type, String policyName, String roleName) {
            call("DetachPolicyFromRole", true, () -> {
                requireRole(roleName, "DetachPolicyFromRole");
                if (!attachments.get(key(roleName)).remove(new AttachedPolicy(policyName, type))) {
                    throw error(RamErrorKind.NOT_FOUND, "EntityNotExist.Role.Policy", "DetachPolicyFromRole");
                }
            });
        }

        @Override
        public Optional<RamPolicy> getPolicy(PolicyType type, String policyName) {
            return read("GetPolicy", () -> policy(type, policyName));
        }

        private Optional<RamPolicy> policy(PolicyType type, String policyName) {
            StoredPolicy p = policies.get(policyName);
            if (p == null || type != PolicyType.Custom) {
                return Optional.empty();
            }
            PolicyVersion v = p.defaultVersion();
            return Optional.of(new RamPolicy(p.name, PolicyType.Custom, p.description, v.versionId(),
                    reserialised(v.document()), usage(policyName), "2024-01-01", "2024-01-01"));
        }

        @Override
        public RamPolicy createPolicy(String policyName, String document, String description) {
            call("CreatePolicy", true, () -> {
                if (policies.containsKey(policyName)) {
                    throw error(RamErrorKind.ALREADY_EXISTS, "EntityAlreadyExists.Policy", "CreatePolicy");
                }
                putPolicy(policyName, document, description);
            });
            return null;
        }

        @Override
        public PolicyVersion createPolicyVersion(String policyName, String document, boolean setAsDefault) {
            call("CreatePolicyVersion", true, () -> {
                StoredPolicy p = requirePolicy(policyName, "CreatePolicyVersion");
                if (p.versions.size() >= VersionPruning.MAX_VERSIONS) {
                    throw error(RamErrorKind.CONFLICT, "LimitExceeded.Policy.Version", "CreatePolicyVersion");
                }
                p.addVersion(document, setAsDefault);
            });
            return policies.get(policyName).versions.get(policies.get(policyName).versions.size() - 1);
        }

        @Override
        public List<PolicyVersion> listPolicyVersions(PolicyType type, String policyName) {
            return read("ListPolicyVersions", () -> List.copyOf(requirePolicy(policyName, "ListPolicyVersions").versions));
        }

        @Override
        public void deletePolicyVersion(String policyName, String versionId) {
            call("DeletePolicyVersion", true, () -> {
                StoredPolicy p = requirePolicy(policyName, "DeletePolicyVersion");
                PolicyVersion v = p.versions.stream().filter(x -> x.versionId().equals(versionId)).findFirst()
                        .orElseThrow(() -> error(RamErrorKind.NOT_FOUND, "EntityNotExist.Policy.Version",
                                "DeletePolicyVersion"));
                if (v.isDefault()) {
                    throw error(RamErrorKind.CONFLICT, "DeleteConflict.Policy.Version.Default", "DeletePolicyVersion");
                }
                p.versions.remove(v);
            });
        }

        @Override
        public void deletePolicy(String policyName) {
            call("DeletePolicy", true, () -> {
                StoredPolicy p = requirePolicy(policyName, "DeletePolicy");
                if (usage(policyName) > 0) {
                    throw error(RamErrorKind.CONFLICT, "DeleteConflict.Policy.Entity", "DeletePolicy");
                }
                if (p.versions.size() > 1) {
                    throw error(RamErrorKind.CONFLICT, "DeleteConflict.Policy.Version", "DeletePolicy");
                }
                policies.remove(policyName);
            });
        }

        @Override
        public PolicyEntities listEntitiesForPolicy(PolicyType type, String policyName) {
            return read("ListEntitiesForPolicy", () -> entities(type, policyName));
        }

        private PolicyEntities entities(PolicyType type, String policyName) {
            List<String> users = new ArrayList<>();
            attachments.forEach((role, set) -> {
                if (set.contains(new AttachedPolicy(policyName, type))) {
                    users.add(roles.get(role).roleName());
                }
            });
            return new PolicyEntities(users, List.of(), List.of());
        }

        private int usage(String policyName) {
            return (int) attachments.values().stream()
                    .filter(s -> s.contains(new AttachedPolicy(policyName, PolicyType.Custom))).count();
        }

        private RamRole requireRole(String roleName, String action) {
            RamRole r = roles.get(key(roleName));
            if (r == null) {
                throw error(RamErrorKind.NOT_FOUND, "EntityNotExist.Role", action);
            }
            return r;
        }

        private StoredPolicy requirePolicy(String policyName, String action) {
            StoredPolicy p = policies.get(policyName);
            if (p == null) {
                throw error(RamErrorKind.NOT_FOUND, "EntityNotExist.Policy", action);
            }
            return p;
        }
    }
}
