package io.ramgrants.engine;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where one resource wrote in RAM: per account, the role and custom policy names it holds (or
 * held and has not yet removed). Kept in the grant's status, so after an account or a name
 * leaves the spec the engine still knows where to look; the ownership marker in RAM stays the
 * proof of ownership, the inventory only says where to ask.
 */
public record Inventory(SortedMap<String, Holdings> accounts) {

    /** The names one resource holds in one account. */
    public record Holdings(SortedSet<String> roles, SortedSet<String> policies) {
        public Holdings {
            roles = Collections.unmodifiableSortedSet(new TreeSet<>(roles));
            policies = Collections.unmodifiableSortedSet(new TreeSet<>(policies));
        }
    }

    public Inventory {
        accounts = Collections.unmodifiableSortedMap(new TreeMap<>(accounts));
    }

    public static Inventory empty() {
        return new Inventory(new TreeMap<>());
    }

    public Set<String> accountIds() {
        return accounts.keySet();
    }

    public Set<String> roles(String accountId) {
        Holdings h = accounts.get(accountId);
        return h == null ? Set.of() : h.roles();
    }

    public Set<String> policies(String accountId) {
        Holdings h = accounts.get(accountId);
        return h == null ? Set.of() : h.policies();
    }

    public boolean isEmpty() {
        return accounts.isEmpty();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects names; role names are kept once whatever their case (RAM treats them alike). */
    public static final class Builder {
        private final Map<String, TreeMap<String, String>> roles = new TreeMap<>();
        private final Map<String, TreeSet<String>> policies = new TreeMap<>();

        public Builder role(String accountId, String roleName) {
            roles.computeIfAbsent(accountId, a -> new TreeMap<>())
                    .putIfAbsent(roleName.toLowerCase(Locale.ROOT), roleName);
            policies.computeIfAbsent(accountId, a -> new TreeSet<>());
            return this;
        }

        public Builder policy(String accountId, String policyName) {
            roles.computeIfAbsent(accountId, a -> new TreeMap<>());
            policies.computeIfAbsent(accountId, a -> new TreeSet<>()).add(policyName);
            return this;
        }

        /** Everything {@code other} holds in {@code accountId}. */
        public Builder account(Inventory other, String accountId) {
            other.roles(accountId).forEach(r -> role(accountId, r));
            other.policies(accountId).forEach(p -> policy(accountId, p));
            return this;
        }

        public Inventory build() {
            SortedMap<String, Holdings> out = new TreeMap<>();
            roles.forEach((account, names) -> out.put(account,
                    new Holdings(new TreeSet<>(names.values()), policies.getOrDefault(account, new TreeSet<>()))));
            return new Inventory(out);
        }
    }
}
