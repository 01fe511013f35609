package io.ramgrants.emulator;

import static io.ramgrants.emulator.Fixtures.ACCOUNT_A;
import static io.ramgrants.emulator.Fixtures.AK_A;
import static io.ramgrants.emulator.Fixtures.AK_B;
import static io.ramgrants.emulator.Fixtures.SECRET_A;
import static io.ramgrants.emulator.Fixtures.SECRET_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.actiontrail20200706.models.LookupEventsRequest;
import com.aliyun.actiontrail20200706.models.LookupEventsRequest.LookupEventsRequestLookupAttribute;
import com.aliyun.actiontrail20200706.models.LookupEventsResponseBody;
import com.aliyun.ram20150501.models.AttachPolicyToRoleRequest;
import com.aliyun.ram20150501.models.CreateRoleRequest;
import com.aliyun.ram20150501.models.GetRoleRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official ActionTrail SDK (2020-07-06) reading the events of RAM writes from the emulator. */
class ActionTrailSdkTest {
    private static final String CONSOLE_AK = "LTAI5tConsoleKey0abcd";
    RamEmulator emu;
    com.aliyun.ram20150501.Client console;
    com.aliyun.actiontrail20200706.Client trail;

    @BeforeEach
    void start() throws Exception {
        emu = RamEmulator.start(Fixtures.twoAccounts().account(ACCOUNT_A, CONSOLE_AK, "console-secret").build(), 0);
        console = Sdk.ram(emu, CONSOLE_AK, "console-secret", Sdk.Signing.ACS3);
        trail = actionTrail(emu, AK_A, SECRET_A);
        emu.sourceAddress(CONSOLE_AK, "203.0.113.5");
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    static com.aliyun.actiontrail20200706.Client actionTrail(RamEmulator emu, String akid, String secret) throws Exception {
        return new com.aliyun.actiontrail20200706.Client(Sdk.config(emu, akid, secret));
    }

    @Test
    void everySuccessfulRamWriteIsAnEventWithActionTrailFieldNames() throws Exception {
        console.createRole(new CreateRoleRequest().setRoleName("r1").setAssumeRolePolicyDocument(Fixtures.trustFor(Fixtures.ACCOUNT_B)));
        console.attachPolicyToRole(new AttachPolicyToRoleRequest().setPolicyType("System")
                .setPolicyName("AdministratorAccess").setRoleName("r1"));
        console.getRole(new GetRoleRequest().setRoleName("r1")); // a read: no event
        Sdk.assertError(() -> console.getRole(new GetRoleRequest().setRoleName("missing")), "EntityNotExist.Role", 404);

        LookupEventsResponseBody body = trail.lookupEvents(new LookupEventsRequest()
                .setLookupAttribute(List.of(attr("ServiceName", "Ram"), attr("EventRW", "Write")))).getBody();

        assertThat(body.getEvents()).hasSize(2);
        Map<String, ?> attach = body.getEvents().get(0); // newest first
        assertThat(attach.get("eventName")).isEqualTo("AttachPolicyToRole");
        assertThat(attach.get("eventRW")).isEqualTo("Write");
        assertThat(attach.get("eventType")).isEqualTo("ApiCall");
        assertThat(attach.get("serviceName")).isEqualTo("Ram");
        assertThat(attach.get("acsRegion")).isEqualTo("cn-hangzhou");
        assertThat(attach.get("sourceIpAddress")).isEqualTo("203.0.113.5");
        assertThat((String) attach.get("eventTime")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat((String) attach.get("eventId")).isNotBlank();
        assertThat((String) attach.get("requestId")).isNotBlank();
        assertThat(attach.get("resourceName")).isEqualTo("r1;AdministratorAccess");
        assertThat(attach.get("resourceType")).isEqualTo("ACS::RAM::Role;ACS::RAM::Policy");
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) attach.get("requestParameters");
        assertThat(params).containsEntry("RoleName", "r1").containsEntry("PolicyName", "AdministratorAccess")
                .doesNotContainKeys("Signature", "AccessKeyId", "SignatureNonce");
        @SuppressWarnings("unchecked")
        Map<String, Object> who = (Map<String, Object>) attach.get("userIdentity");
        assertThat(who).containsEntry("type", "root-account").containsEntry("accountId", ACCOUNT_A)
                .containsEntry("principalId", ACCOUNT_A).containsEntry("accessKeyId", CONSOLE_AK);
        assertThat(body.getEvents().get(1).get("eventName")).isEqualTo("CreateRole");
    }

    @Test
    void filtersPagesAndLimitsAsPublished() throws Exception {
        for (int i = 0; i < 7; i++) {
            console.createRole(new CreateRoleRequest().setRoleName("role-" + i)
                    .setAssumeRolePolicyDocument(Fixtures.trustFor(Fixtures.ACCOUNT_B)));
        }
        List<String> names = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            pause(); // ~2 calls/s quota
            LookupEventsResponseBody page = trail.lookupEvents(new LookupEventsRequest().setMaxResults("3")
                    .setNextToken(token).setLookupAttribute(List.of(attr("EventName", "CreateRole")))).getBody();
            page.getEvents().forEach(e -> names.add((String) ((Map<?, ?>) e.get("requestParameters")).get("RoleName")));
            token = page.getNextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("role-6", "role-5", "role-4", "role-3", "role-2", "role-1", "role-0");

        pause();
        assertThat(trail.lookupEvents(new LookupEventsRequest()
                .setLookupAttribute(List.of(attr("ResourceName", "role-3")))).getBody().getEvents()).hasSize(1);
        pause();
        Sdk.assertError(() -> trail.lookupEvents(new LookupEventsRequest().setLookupAttribute(List.of(
                attr("ServiceName", "Ram"), attr("EventRW", "Write"), attr("EventName", "CreateRole")))),
                "InvalidParameter.LookupAttribute", 400);
        pause();
        Sdk.assertError(() -> trail.lookupEvents(new LookupEventsRequest().setMaxResults("51")),
                "InvalidParameter.MaxResults", 400);
        pause();
        Sdk.assertError(() -> trail.lookupEvents(new LookupEventsRequest()
                .setStartTime(Instant.now().minus(Duration.ofDays(91)).toString())), "InvalidParameter.StartTime", 400);
        pause();
        Sdk.assertError(() -> trail.lookupEvents(new LookupEventsRequest().setNextToken("bogus")),
                "InvalidParameter.NextToken", 400);
    }

    @Test
    void accountsSeeOnlyTheirOwnEventsAndTheQuotaIsTwoPerSecond() throws Exception {
        console.createRole(new CreateRoleRequest().setRoleName("r1").setAssumeRolePolicyDocument(Fixtures.trustFor(Fixtures.ACCOUNT_B)));
        assertThat(actionTrail(emu, AK_B, SECRET_B).lookupEvents(new LookupEventsRequest()).getBody().getEvents()).isEmpty();
        pause();
        int throttled = 0;
        for (int i = 0; i < 5; i++) {
            try {
                trail.lookupEvents(new LookupEventsRequest());
            } catch (com.aliyun.tea.TeaException e) {
                assertThat(e.getCode()).isEqualTo("Throttling.User");
                throttled++;
            }
        }
        assertThat(throttled).isGreaterThanOrEqualTo(2);
    }

    @Test
    void eventsAppearAfterTheDeliveryDelayAndDuplicatesShareTheirId() throws Exception {
        emu.setActionTrail(ActionTrailSettings.delayed(Duration.ofMillis(800)).withDuplicateEvents(1.0));
        console.createRole(new CreateRoleRequest().setRoleName("r1").setAssumeRolePolicyDocument(Fixtures.trustFor(Fixtures.ACCOUNT_B)));
        assertThat(trail.lookupEvents(new LookupEventsRequest()).getBody().getEvents()).isEmpty();
        Thread.sleep(2_100);
        List<Map<String, ?>> events = trail.lookupEvents(new LookupEventsRequest()).getBody().getEvents();
        assertThat(events).hasSize(2);
        Set<Object> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.get("eventId")));
        assertThat(ids).hasSize(1);
    }

    private static LookupEventsRequestLookupAttribute attr(String key, String value) {
        return new LookupEventsRequestLookupAttribute().setKey(key).setValue(value);
    }

    private static void pause() throws InterruptedException {
        Thread.sleep(520);
    }
}
