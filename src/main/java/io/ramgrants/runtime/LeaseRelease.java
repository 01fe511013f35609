package io.ramgrants.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the Lease up after a clean stop. JOSDK never releases it, so without this a standby
 * waits out the whole lease duration (15 s by default) after every rolling update. The release
 * is what client-go and fabric8 do: an empty holder with a one-second lease, written only while
 * the Lease still names this replica; a conflicting write means another replica already moved
 * on, and the Lease is left alone.
 */
final class LeaseRelease {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseRelease.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final String identity;

    LeaseRelease(KubernetesClient client, String namespace, String name, String identity) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.identity = identity;
    }

    /** @return whether this replica held the Lease and gave it up */
    boolean release() {
        LeaseLock lock = new LeaseLock(namespace, name, identity);
        try {
            LeaderElectionRecord current = lock.get(client);
            if (current == null || !identity.equals(current.getHolderIdentity())) {
                return false;
            }
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            // "", not null: the lock writes a JSON merge patch, where a missing holder changes nothing.
            lock.update(client, new LeaderElectionRecord("", Duration.ofSeconds(1), now, now,
                    current.getLeaderTransitions()));
            LOG.info("released Lease {}/{}", namespace, name);
            return true;
        } catch (KubernetesClientException e) {
            LOG.warn("could not release Lease {}/{} ({}); a standby takes over when it expires", namespace, name,
                    e.getCode() == 409 ? "changed meanwhile" : e.getMessage());
            return false;
        }
    }
}
