package io.ramgrants.controller.grant;

import static io.ramgrants.controller.grant.GrantOperatorHarness.secret;
import static org.awaitility.Awaitility.await;

import com.aliyun.ram20150501.Client;
import com.aliyun.ram20150501.models.AttachPolicyToUserRequest;
import com.aliyun.ram20150501.models.CreatePolicyRequest;
import com.aliyun.teaopenapi.models.Config;
import io.fabric8.kubernetes.api.model.Condition;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.controller.Conditions;
import io.ramgrants.controller.DriftEventConditions;
import java.time.Duration;
import java.util.Optional;

/**
 * An AlibabaCloudAccount of account A whose credentials are the RAM user {@code grant-operator}, as a
 * harness's API server holds it: its conditions, waiting for its DriftEvents condition, and the
 * account administrator's grant of {@code actiontrail:LookupEvents} that turns its feed on.
 */
record DriftEventsAccount(GrantOperatorHarness k8s, String name, Duration within) {
    AlibabaCloudAccount get() {
        return k8s.client.resources(AlibabaCloudAccount.class).withName(name).get();
    }

    static Optional<Condition> condition(AlibabaCloudAccount account, String type) {
        return account == null || account.getStatus() == null ? Optional.empty()
                : Conditions.find(account.getStatus().conditions, type);
    }

    AlibabaCloudAccount awaitDriftEvents(String status, String reason) {
        await("DriftEvents " + status + " " + reason).atMost(within).pollInterval(Duration.ofMillis(50))
                .until(() -> condition(get(), DriftEventConditions.TYPE)
                        .filter(c -> status.equals(c.getStatus()) && reason.equals(c.getReason())).isPresent());
        return get();
    }

    /** The account's administrator grants the operator's RAM user actiontrail:LookupEvents (root key, console). */
    void grantLookupEvents() throws Exception {
        Client root = new Client(new Config().setAccessKeyId("LTAI-a").setAccessKeySecret(secret("a"))
                .setEndpoint("127.0.0.1:" + k8s.emulator.port()).setProtocol("HTTP"));
        root.createPolicy(new CreatePolicyRequest().setPolicyName("operator-lookup-events").setPolicyDocument(
                "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"actiontrail:LookupEvents\","
                        + "\"Resource\":\"*\"}]}"));
        root.attachPolicyToUser(new AttachPolicyToUserRequest().setPolicyType("Custom")
                .setPolicyName("operator-lookup-events").setUserName("grant-operator"));
    }
}
