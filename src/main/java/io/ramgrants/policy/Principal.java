package io.ramgrants.policy;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code Principal} of a trust statement: principal type ({@code RAM}, {@code Service},
 * {@code Federated}) to identifiers. Values are kept sorted and de-duplicated, so two
 * principals listing the same identifiers in another order are equal.
 */
public record Principal(Map<String, List<String>> identifiers) {
    public static final String RAM = "RAM";
    public static final String SERVICE = "Service";
    public static final String FEDERATED = "Federated";

    public Principal {
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        identifiers.forEach((type, ids) -> {
            if (!ids.isEmpty()) {
                sorted.put(type, List.copyOf(new TreeSet<>(ids)));
            }
        });
        identifiers = java.util.Collections.unmodifiableMap(sorted);
    }

    public static Principal of(Collection<String> ram, Collection<String> service, Collection<String> federated) {
        Map<String, List<String>> ids = new TreeMap<>();
        ids.put(RAM, List.copyOf(ram));
        ids.put(SERVICE, List.copyOf(service));
        ids.put(FEDERATED, List.copyOf(federated));
        return new Principal(ids);
    }

    public static Principal ram(String... arns) {
        return of(List.of(arns), List.of(), List.of());
    }

    public static Principal service(String... services) {
        return of(List.of(), List.of(services), List.of());
    }

    public List<String> get(String type) {
        return identifiers.getOrDefault(type, List.of());
    }

    public boolean isEmpty() {
        return identifiers.isEmpty();
    }
}
