package io.ramgrants.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.ram20150501.models.AttachPolicyToRoleRequest;
import com.aliyun.ram20150501.models.CreateRoleRequest;
import com.aliyun.teaopenapi.models.Config;
import io.ramgrants.api.DriftEventsStatus;
import io.ramgrants.emulator.ActionTrailSettings;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.engine.batch.DriftEventSettings;
import io.ramgrants.ram.AccessKeyCredentials;
import io.ramgrants.ram.ActionTrailGateway;
import io.ramgrants.ram.RamClientSettings;
import io.ramgrants.ram.SdkActionTrailGateway;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One account's feed against the emulator's ActionTrail, through the official SDK. */
class AccountFeedTest {
    static final String ACCOUNT = "1111111111111111";
    static final String OPERATOR_KEY = "LTAI5tOperatorKey0001";
    static final String CONSOLE_KEY = "LTAI5tConsoleKey00abcd";
    static final String ALICE_KEY = "LTAI5tAliceKey000wxyz";
    static final String TRUST = "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":"
            + "{\"RAM\":[\"acs:ram::" + ACCOUNT + ":root\"]}}],\"Version\":\"1\"}";
    static final DriftEventSettings SETTINGS = DriftEventSettings.defaults().withPollInterval(Duration.ofMillis(100))
            .withOverlap(Duration.ofMinutes(5));

    RamEmulator emu;
    com.aliyun.ram20150501.Client console;
    com.aliyun.ram20150501.Client operatorRam;

    @BeforeEach
    void start() throws Exception {
        emu = RamEmulator.start(EmulatorConfig.builder().account(ACCOUNT, OPERATOR_KEY, "operator-secret")
                .account(ACCOUNT, CONSOLE_KEY, "console-secret")
                .user(ACCOUNT, "alice", ALICE_KEY, "alice-secret", "AliyunRAMFullAccess", "AliyunSTSAssumeRoleAccess")
                .build(), 0);
        console = new com.aliyun.ram20150501.Client(config(CONSOLE_KEY, "console-secret"));
        operatorRam = new com.aliyun.ram20150501.Client(config(OPERATOR_KEY, "operator-secret"));
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    private Config config(String key, String secret) {
        return new Config().setAccessKeyId(key).setAccessKeySecret(secret).setEndpoint("127.0.0.1:" + emu.port())
                .setProtocol("HTTP");
    }

    private ActionTrailGateway gateway(AccessKeyCredentials credentials) {
        return new SdkActionTrailGateway(URI.create(emu.endpoint()), () -> credentials, RamClientSettings.defaults());
    }

    private AccountFeed feed(DriftEventsStatus saved) {
        AccountFeed feed = new AccountFeed("acct", ACCOUNT,
                gateway(AccessKeyCredentials.permanent(OPERATOR_KEY, "operator-secret")), SETTINGS, saved, Instant.now());
        feed.ownAccessKey(OPERATOR_KEY);
        return feed;
    }

    private void createRole(com.aliyun.ram20150501.Client ram, String name) throws Exception {
        ram.createRole(new CreateRoleRequest().setRoleName(name).setAssumeRolePolicyDocument(TRUST));
    }

    private static void quota() throws InterruptedException {
        Thread.sleep(520); // LookupEvents: about 2 calls per second per account
    }

    @Test
    void reportsOthersWritesOnceAndIgnoresItsOwn() throws Exception {
        AccountFeed feed = feed(null);
        createRole(operatorRam, "ours");
        createRole(console, "theirs");

        AccountFeed.Poll first = feed.poll(Instant.now());
        assertThat(first.called()).isTrue();
        assertThat(first.events()).isEqualTo(2);
        assertThat(first.outOfBand()).extracting(RamWriteEvent::roles).containsExactly(java.util.Set.of("theirs"));
        RamWriteEvent theirs = first.outOfBand().get(0);
        assertThat(Attributions.caller(theirs)).isEqualTo("the root account (LTAI****abcd)");
        assertThat(Attributions.what(theirs)).isEqualTo("role theirs created");

        createRole(new com.aliyun.ram20150501.Client(config(ALICE_KEY, "alice-secret")), "alices");
        quota();
        RamWriteEvent alices = feed.poll(Instant.now()).outOfBand().get(0);
        assertThat(alices.callerType()).isEqualTo("ram-user");
        assertThat(Attributions.caller(alices)).isEqualTo("RAM user alice (LTAI****wxyz)");

        quota();
        AccountFeed.Poll again = feed.poll(Instant.now());
        assertThat(again.events()).as("the overlap reads them again").isEqualTo(3);
        assertThat(again.outOfBand()).as("de-duplicated by event ID").isEmpty();
    }

    @Test
    void aRestartResumesFromTheSavedCursorAndStillFindsLateEvents() throws Exception {
        emu.setActionTrail(ActionTrailSettings.delayed(Duration.ofMillis(1500)));
        AccountFeed before = feed(null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> console.attachPolicyToRole(
                new AttachPolicyToRoleRequest())).as("refused: no event").isInstanceOf(com.aliyun.tea.TeaException.class);
        createRole(console, "late");
        assertThat(before.poll(Instant.now()).outOfBand()).as("not delivered yet").isEmpty();
        DriftEventsStatus saved = before.status();
        assertThat(Instant.parse(saved.cursor)).as("the cursor moved past the write").isAfterOrEqualTo(
                Instant.now().minusSeconds(2));

        // The process dies here; a new one starts from the saved state after the event is delivered.
        Thread.sleep(1600);
        AccountFeed after = feed(saved);
        assertThat(after.poll(Instant.now()).outOfBand()).extracting(RamWriteEvent::eventName)
                .containsExactly("CreateRole");
        assertThat(after.status().state).isEqualTo("Active");
    }

    @Test
    void withoutLookupEventsPermissionTheFeedFallsBackToPollingWithAClearMessage() throws Exception {
        createRole(console, "ram-only");
        console.attachPolicyToRole(new AttachPolicyToRoleRequest().setPolicyType("System")
                .setPolicyName("AliyunRAMFullAccess").setRoleName("ram-only"));
        // RAM refuses AssumeRole with a root key: alice (a RAM user) assumes the role.
        com.aliyun.sts20150401.Client sts = new com.aliyun.sts20150401.Client(config(ALICE_KEY, "alice-secret"));
        var creds = sts.assumeRole(new com.aliyun.sts20150401.models.AssumeRoleRequest()
                .setRoleArn("acs:ram::" + ACCOUNT + ":role/ram-only").setRoleSessionName("op"))
                .getBody().getCredentials();
        AccessKeyCredentials session = new AccessKeyCredentials(creds.getAccessKeyId(), creds.getAccessKeySecret(),
                creds.getSecurityToken(), Instant.now().plusSeconds(3600));
        AccountFeed feed = new AccountFeed("acct", ACCOUNT, gateway(session), SETTINGS, null, Instant.now());

        AccountFeed.Poll poll = feed.poll(Instant.now());
        assertThat(poll.called()).isTrue();
        DriftEventsStatus status = feed.status();
        assertThat(status.state).isEqualTo("Unavailable");
        assertThat(status.message).contains("may not call actiontrail:LookupEvents (NoPermission)")
                .contains("polling only").doesNotContain(creds.getAccessKeySecret()).doesNotContain(creds.getSecurityToken());
        assertThat(feed.poll(Instant.now()).called()).as("no retry before " + AccountFeed.RETRY_DENIED).isFalse();
        assertThat(feed.poll(Instant.now().plus(AccountFeed.RETRY_DENIED)).called()).isTrue();
    }

    @Test
    void aFreshWriteIsSeenWithinTwoPollsBehindABacklogOfOwnWrites() throws Exception {
        AccountFeed feed = feed(null);
        for (int i = 0; i < 60; i++) {
            createRole(operatorRam, "own-" + i);
        }
        AccountFeed.Poll first = feed.poll(Instant.now());
        assertThat(first.events()).isEqualTo(ActionTrailGateway.PAGE_SIZE);
        assertThat(first.outOfBand()).isEmpty();
        String cursor = feed.status().cursor;
        createRole(console, "theirs");

        quota();
        AccountFeed.Poll fresh = feed.poll(Instant.now());
        assertThat(fresh.outOfBand()).extracting(RamWriteEvent::roles).containsExactly(java.util.Set.of("theirs"));
        assertThat(feed.status().cursor).as("only the paged window moves the cursor").isEqualTo(cursor);
        quota();
        AccountFeed.Poll backlog = feed.poll(Instant.now());
        assertThat(backlog.events()).as("the rest of the first window").isEqualTo(10);
        assertThat(Instant.parse(feed.status().cursor)).isAfter(Instant.parse(cursor).minusSeconds(1));
    }

    @Test
    void aCursorOlderThanTheHistoryIsClamped() {
        DriftEventsStatus ancient = new DriftEventsStatus();
        ancient.cursor = "2020-01-01T00:00:00Z";
        AccountFeed feed = feed(ancient);
        assertThat(Instant.parse(feed.status().cursor)).isAfter(Instant.now().minus(Duration.ofDays(90)));
        assertThat(feed.poll(Instant.now()).called()).isTrue();
        assertThat(feed.status().state).isEqualTo("Active");
    }

    @Test
    void unusableEventsAreDropped() {
        assertThat(RamWriteEvent.parse(java.util.Map.of("eventId", "x"))).isEmpty();
        var hostile = RamWriteEvent.parse(java.util.Map.of("eventId", "E1", "eventName", "AttachPolicyToRole",
                "eventTime", "2026-12-03T12:03:07Z", "sourceIpAddress", "<script>",
                "userIdentity", java.util.Map.of("type", "ram-user", "userName", "a\nb", "accessKeyId", "LTAI5tXYZabcd"),
                "requestParameters", java.util.Map.of("RoleName", "r1", "PolicyName", "Admin Access",
                        "PolicyDocument", "{...}"))).orElseThrow();
        assertThat(hostile.sourceIp()).isNull();
        assertThat(hostile.userName()).isNull();
        assertThat(hostile.policies()).isEmpty();
        assertThat(hostile.roles()).containsExactly("r1");
        assertThat(Attributions.caller(hostile)).isEqualTo("RAM user (unnamed) (LTAI****abcd)");
        assertThat(Attributions.maskAccessKey("STS.NUQNP4PiGyckMsNiGELCs1234")).isEqualTo("STS.****1234");
        assertThat(Attributions.maskAccessKey("short")).isEqualTo("****");
        assertThat(List.of(hostile.details().values())).asString().doesNotContain("{...}");
    }
}
