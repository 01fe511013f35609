package io.ramgrants.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.DriftEventsStatus;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the drift event state in {@code AlibabaCloudAccount.status.driftEvents}, written with a
 * JSON merge patch of that one field, so the account reconciler's conditions are left alone.
 */
public final class AccountStatusCursorStore implements CursorStore {
    private static final Logger LOG = LoggerFactory.getLogger(AccountStatusCursorStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;

    public AccountStatusCursorStore(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Optional<DriftEventsStatus> load(String accountName) {
        try {
            AlibabaCloudAccount account = client.resources(AlibabaCloudAccount.class).withName(accountName).get();
            return Optional.ofNullable(account).map(AlibabaCloudAccount::getStatus).map(s -> s.driftEvents);
        } catch (KubernetesClientException e) {
            LOG.warn("AlibabaCloudAccount {}: could not read the drift event cursor: HTTP {}", accountName, e.getCode());
            return Optional.empty();
        }
    }

    @Override
    public void save(String accountName, DriftEventsStatus state) {
        try {
            String patch = JSON.writeValueAsString(Map.of("status", Map.of("driftEvents", state)));
            client.resources(AlibabaCloudAccount.class).withName(accountName).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        } catch (KubernetesClientException e) {
            LOG.warn("AlibabaCloudAccount {}: could not save the drift event cursor: HTTP {}", accountName, e.getCode());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
