/**
 * Event-driven drift detection: per account, RAM write events read from ActionTrail
 * ({@code LookupEvents}) re-observe exactly the roles and policies they name, with who made
 * the change. Polling (resync, batch sweep) stays the backstop. Depends on {@code engine.batch}
 * (observation), {@code ram} (the ActionTrail gateway) and {@code accounts}; knows no grant kind.
 */
package io.ramgrants.drift;
