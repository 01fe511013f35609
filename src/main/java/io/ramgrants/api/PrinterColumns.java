package io.ramgrants.api;

/**
 * JSON paths of the printer columns every kind shows (README, "What kubectl shows"). The CRD generator orders
 * columns by JSON path, not by declaration: READY quotes "Ready" with double quotes and
 * REASON with single quotes only so that READY comes before REASON. AGE
 * ({@code .metadata...}) always comes first after NAME; no valid path sorts after
 * {@code .status}.
 */
final class PrinterColumns {
    static final String READY = ".status.conditions[?(@.type==\"Ready\")].status";
    static final String REASON = ".status.conditions[?(@.type=='Ready')].reason";
    static final String ROLE_ARNS = ".status.roleArns";
    static final String AGE = ".metadata.creationTimestamp";
    /** {@code kubectl get -o wide}: Manage or Observe. */
    static final String MODE = ".spec.managementPolicy";
    /** {@code kubectl get -o wide}: the pause annotation, "true" while RAM writes are stopped. */
    static final String PAUSED = ".metadata.annotations.ramgrants\\.io/paused";

    private PrinterColumns() {}
}
