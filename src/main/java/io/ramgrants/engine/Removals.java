package io.ramgrants.engine;

import io.ramgrants.desired.DesiredCustomPolicy;
import io.ramgrants.desired.DesiredRole;
import io.ramgrants.desired.OwnerRef;
import io.ramgrants.ram.RamException;
import io.ramgrants.ram.RamGateway;
import io.ramgrants.ram.RamRole;
import io.ramgrants.ram.RolePage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Finds what a resource owns in RAM but no longer declares: roles and custom policies named by
 * its inventory, and (when {@code scan}) every role carrying its marker in the accounts of the
 * inventory and the spec, so a role created but never recorded is found too. Only entities
 * carrying the resource's own marker are returned; a role with another marker or none is never
 * a removal candidate.
 */
final class Removals {
    static final String NO_LONGER_DECLARED = "no longer declared";
    private static final int ROLE_PAGE = 1000;
    /** RAM allows 1000 roles per account: one page, a few if RAM pages smaller. */
    private static final int MAX_PAGES = 50;

    private Removals() {}

    static String suffix(String why) {
        return why == null || why.isEmpty() ? "" : " (" + why + ")";
    }

    /** Leftovers as observations (a role's own, or account-level for lone policies), and where looking failed. */
    record Found(List<ObservedRole> observed, Map<String, String> unreachable, List<String> notes) {}

    static Found find(OwnerRef owner, List<DesiredRole> desired, Inventory prior, boolean scan,
                      GatewayResolver gateways, DeletionObserver observer) {
        Set<String> accounts = new TreeSet<>(prior.accountIds());
        desired.forEach(r -> accounts.add(r.accountId()));
        Set<String> desiredRoles = desired.stream().map(r -> DeletionPlanner.roleKey(r.accountId(), r.roleName()))
                .collect(Collectors.toSet());
        Set<String> desiredPolicies = new TreeSet<>();
        desired.forEach(r -> r.customPolicies().forEach(p ->
                desiredPolicies.add(DeletionPlanner.policyKey(r.accountId(), p.policyName()))));
        List<ObservedRole> observed = new ArrayList<>();
        Map<String, String> unreachable = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        for (String account : accounts) {
            try {
                RamGateway ram = gateways.gatewayFor(account);
                observed.addAll(inAccount(owner, account, ram, prior, scan, desiredRoles, desiredPolicies, observer,
                        notes));
            } catch (RamException e) {
                unreachable.put(account, e.code());
            } catch (RuntimeException e) {
                // The resolver could not reach the account (e.g. its AlibabaCloudAccount is not ready).
                unreachable.put(account, e.getMessage());
            }
        }
        return new Found(observed, unreachable, notes);
    }

    private static List<ObservedRole> inAccount(OwnerRef owner, String account, RamGateway ram, Inventory prior,
                                                boolean scan, Set<String> desiredRoles, Set<String> desiredPolicies,
                                                DeletionObserver observer, List<String> notes) {
        Map<String, String> roles = new TreeMap<>();
        prior.roles(account).forEach(name -> roles.putIfAbsent(name.toLowerCase(Locale.ROOT), name));
        if (scan) {
            markedRoles(owner, ram).forEach(name -> roles.putIfAbsent(name.toLowerCase(Locale.ROOT), name));
        }
        roles.keySet().removeIf(lower -> desiredRoles.contains(account + "/" + lower));
        Set<String> policies = new TreeSet<>(prior.policies(account));
        policies.removeIf(name -> desiredPolicies.contains(DeletionPlanner.policyKey(account, name)));

        List<ObservedRole> found = new ArrayList<>();
        for (String name : roles.values()) {
            ObservedRole role = observer.observe(owner, account, name, List.of(), ram);
            if (!role.exists()) {
                continue;
            }
            if (!Ownership.ownedBy(owner, role.description())) {
                notes.add("role " + name + " in " + account + " is no longer declared but carries "
                        + OwnerRef.fromDescription(role.description()).map(o -> "the marker of " + o)
                        .orElse("no ownership marker") + ": left alone");
                continue;
            }
            found.add(role);
            policies.removeAll(role.customPolicies().keySet());
        }
        Map<String, ObservedPolicy> lone = new LinkedHashMap<>();
        for (String name : policies) {
            ObservedPolicy policy = DeletionObserver.observePolicy(owner, name, ram);
            if (policy.exists() && Ownership.ownedBy(owner, policy.description())) {
                lone.put(name, policy);
            } else if (policy.exists()) {
                notes.add("policy " + name + " in " + account + " is no longer declared but is not managed by "
                        + owner + ": left alone");
            }
        }
        if (!lone.isEmpty()) {
            found.add(ObservedRole.missing(account, "(custom policies)", lone));
        }
        return found;
    }

    /** Names of the roles in the account whose description carries {@code owner}'s marker (ListRoles has it). */
    private static List<String> markedRoles(OwnerRef owner, RamGateway ram) {
        List<String> names = new ArrayList<>();
        String marker = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            RolePage roles = ram.listRoles(marker, ROLE_PAGE);
            roles.roles().stream().filter(r -> Ownership.ownedBy(owner, r.description()))
                    .map(RamRole::roleName).forEach(names::add);
            if (!roles.truncated()) {
                break;
            }
            marker = roles.nextMarker();
        }
        return names;
    }

    /** Keys of the desired roles a pass manages (not conflicted): they detach whatever they do not want. */
    static Set<String> detaching(List<DesiredRole> desired, ReconcilePlan planned) {
        Set<String> keys = new TreeSet<>();
        for (int i = 0; i < desired.size(); i++) {
            if (!planned.conflicted(i)) {
                keys.add(DeletionPlanner.roleKey(desired.get(i).accountId(), desired.get(i).roleName()));
            }
        }
        return keys;
    }

    static Set<String> keptPolicies(List<DesiredRole> desired) {
        Set<String> keys = new TreeSet<>();
        desired.forEach(r -> r.customPolicies().stream().map(DesiredCustomPolicy::policyName)
                .forEach(p -> keys.add(DeletionPlanner.policyKey(r.accountId(), p))));
        return keys;
    }

    /** Lines naming each leftover that deletion policy Retain keeps in RAM. */
    static List<String> retainedLines(OwnerRef owner, List<ObservedRole> leftovers) {
        List<String> lines = new ArrayList<>();
        for (ObservedRole role : leftovers) {
            if (role.exists()) {
                lines.add("role " + role.roleName() + " in " + role.accountId());
            }
            role.customPolicies().values().stream()
                    .filter(p -> p.exists() && Ownership.ownedBy(owner, p.description()))
                    .forEach(p -> lines.add("policy " + p.policyName() + " in " + role.accountId()));
        }
        return lines;
    }

    /** What remains of the resource after a pass: desired entities, leftovers not removed, unreachable accounts. */
    static Inventory after(OwnerRef owner, List<DesiredRole> desired, Set<String> detaching, Found found,
                           Inventory prior, List<PlannedAction> applied) {
        Inventory.Builder inventory = Inventory.builder();
        for (DesiredRole role : desired) {
            if (detaching.contains(DeletionPlanner.roleKey(role.accountId(), role.roleName()))) {
                inventory.role(role.accountId(), role.roleName());
                role.customPolicies().forEach(p -> inventory.policy(role.accountId(), p.policyName()));
            }
        }
        for (ObservedRole role : found.observed()) {
            if (role.exists() && !deleted(applied, role.accountId(), role.roleName())) {
                inventory.role(role.accountId(), role.roleName());
            }
            role.customPolicies().values().stream()
                    .filter(p -> p.exists() && Ownership.ownedBy(owner, p.description()))
                    .filter(p -> !policyDeleted(applied, role.accountId(), p.policyName()))
                    .forEach(p -> inventory.policy(role.accountId(), p.policyName()));
        }
        found.unreachable().keySet().forEach(account -> inventory.account(prior, account));
        return inventory.build();
    }

    private static boolean deleted(List<PlannedAction> applied, String account, String roleName) {
        return applied.stream().anyMatch(a -> a instanceof PlannedAction.DeleteRole d
                && d.accountId().equals(account) && d.roleName().equalsIgnoreCase(roleName));
    }

    private static boolean policyDeleted(List<PlannedAction> applied, String account, String policyName) {
        return applied.stream().anyMatch(a -> a instanceof PlannedAction.DeletePolicy d
                && d.accountId().equals(account) && d.policyName().equals(policyName));
    }

    static List<String> unreachableLines(Map<String, String> unreachable) {
        List<String> lines = new ArrayList<>();
        unreachable.forEach((account, why) -> lines.add("account " + account + ": " + why));
        return lines;
    }
}
