package io.ramgrants.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramgrants.api.DriftEventsStatus;
import io.ramgrants.engine.batch.DriftEventSettings;
import io.ramgrants.observability.OperatorMetrics;
import io.ramgrants.ram.ActionTrailGateway;
import io.ramgrants.ram.RamErrorKind;
import io.ramgrants.ram.RamException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What the account reconciler's DriftEvents condition and the metrics are built from: the feed's
 * state and reason, the refusal retry, the hand-over of state changes, the LookupEvents outcomes.
 */
class FeedStateTest {
    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    /** A gateway answering what the test sets: a page, or a failure. */
    static final class ScriptedGateway implements ActionTrailGateway {
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        int calls;

        @Override
        public EventPage lookupRamWrites(Instant start, Instant end, String nextToken) {
            calls++;
            RuntimeException e = failure.get();
            if (e != null) {
                throw e;
            }
            return new EventPage(List.of(), null);
        }
    }

    static RamException error(RamErrorKind kind, String code) {
        return new RamException(kind, code, kind == RamErrorKind.ACCESS_DENIED ? 403 : 400, "LookupEvents", code, null, null);
    }

    @Test
    void aRefusalIsUnavailableWithAReasonAndTheRetryIsTheSetting() {
        ScriptedGateway gateway = new ScriptedGateway();
        DriftEventSettings settings = DriftEventSettings.defaults().withRetryAfterRefusal(Duration.ofSeconds(90));
        AccountFeed feed = new AccountFeed("acct", "1111111111111111", gateway, settings, null, NOW);
        assertThat(feed.status().reason).isEqualTo("Reading");

        gateway.failure.set(error(RamErrorKind.ACCESS_DENIED, "NoPermission"));
        feed.poll(NOW);
        assertThat(feed.status().state).isEqualTo("Unavailable");
        assertThat(feed.status().reason).isEqualTo("ActionTrailAccessDenied");
        assertThat(feed.status().message).endsWith("retrying in 90 s");
        assertThat(feed.poll(NOW.plusSeconds(89)).called()).isFalse();
        gateway.failure.set(error(RamErrorKind.INVALID_INPUT, "InvalidParameter.StartTime"));
        assertThat(feed.poll(NOW.plusSeconds(90)).called()).isTrue();
        assertThat(feed.status().reason).isEqualTo("ActionTrailQueryRefused");
        assertThat(feed.status().message).contains("(InvalidParameter.StartTime)");

        gateway.failure.set(null);
        assertThat(feed.poll(NOW.plusSeconds(180)).called()).isTrue();
        assertThat(feed.status().state).isEqualTo("Active");
        assertThat(feed.status().reason).isEqualTo("Reading");
        assertThat(DriftEventSettings.defaults().retryAfterRefusal()).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> settings.withRetryAfterRefusal(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aServiceErrorCodeThatIsNoCodeStaysOutOfTheMessage() {
        ScriptedGateway gateway = new ScriptedGateway();
        AccountFeed feed = new AccountFeed("acct", "1111111111111111", gateway, DriftEventSettings.defaults(), null, NOW);
        gateway.failure.set(error(RamErrorKind.ACCESS_DENIED, "<script>alert(1)</script>"));
        feed.poll(NOW);
        assertThat(feed.status().message).contains("(an error)").doesNotContain("script").endsWith("retrying in 10 min");
    }

    @Test
    void throttlingAndServerErrorsLeaveTheStateAlone() {
        ScriptedGateway gateway = new ScriptedGateway();
        AccountFeed feed = new AccountFeed("acct", "1111111111111111", gateway, DriftEventSettings.defaults(), null, NOW);
        feed.poll(NOW);
        gateway.failure.set(error(RamErrorKind.THROTTLED, "Throttling.User"));
        feed.poll(NOW.plusSeconds(15));
        gateway.failure.set(error(RamErrorKind.TRANSIENT, "ServiceUnavailable"));
        feed.poll(NOW.plusSeconds(30));
        assertThat(feed.status().state).isEqualTo("Active");
        assertThat(gateway.calls).isEqualTo(3);
    }

    @Test
    void statesAreStoredThenAnnouncedOnlyWhenStateOrReasonChange() {
        List<String> saved = new ArrayList<>();
        CursorStore store = new CursorStore() {
            @Override
            public Optional<DriftEventsStatus> load(String accountName) {
                return Optional.empty();
            }

            @Override
            public void save(String accountName, DriftEventsStatus state) {
                saved.add(accountName + ":" + state.state);
            }
        };
        OperatorMetrics metrics = OperatorMetrics.discarding();
        DriftEventStates states = DriftEventStates.reading(store, metrics,
                name -> Optional.of(Map.of("acct-a", "1111111111111111", "acct-b", "2222222222222222").get(name)));
        List<String> heard = new ArrayList<>();
        states.addListener(name -> heard.add(name + " after " + saved.size() + " save(s)"));

        states.save("acct-a", status("Active", "Reading", "2026-12-03T12:00:00Z"));
        states.save("acct-a", status("Active", "Reading", "2026-12-03T12:01:00Z"));
        states.save("acct-a", status("Unavailable", "ActionTrailAccessDenied", "2026-12-03T12:01:00Z"));
        states.save("acct-a", status("Unavailable", "ActionTrailQueryRefused", "2026-12-03T12:01:00Z"));
        states.save("acct-b", status("Active", "Reading", "2026-12-03T12:00:00Z"));

        assertThat(saved).hasSize(5);
        assertThat(heard).containsExactly("acct-a after 1 save(s)", "acct-a after 3 save(s)", "acct-a after 4 save(s)",
                "acct-b after 5 save(s)");
        assertThat(states.current("acct-a").orElseThrow().reason).isEqualTo("ActionTrailQueryRefused");
        assertThat(feeds(metrics, "1111111111111111", "Unavailable")).isEqualTo(1);
        assertThat(feeds(metrics, "1111111111111111", "Active")).isZero();
        assertThat(feeds(metrics, "2222222222222222", "Active")).isEqualTo(1);

        states.forget("acct-a");
        assertThat(states.current("acct-a")).isEmpty();
        assertThat(feeds(metrics, "1111111111111111", "Unavailable")).isZero();
        assertThat(states.enabled()).isTrue();
        assertThat(DriftEventStates.off().enabled()).isFalse();
    }

    @Test
    void lookupsAreCountedByOutcome() {
        OperatorMetrics metrics = OperatorMetrics.discarding();
        ScriptedGateway scripted = new ScriptedGateway();
        ActionTrailGateway metered = new MeteredActionTrailGateway(scripted, "1111111111111111", metrics);
        metered.lookupRamWrites(NOW, NOW, null);
        for (RuntimeException e : List.of(error(RamErrorKind.THROTTLED, "Throttling.User"),
                error(RamErrorKind.ACCESS_DENIED, "NoPermission"), error(RamErrorKind.TRANSIENT, "InternalError"),
                error(RamErrorKind.INVALID_INPUT, "InvalidParameter"), new IllegalStateException("boom"))) {
            scripted.failure.set(e);
            assertThatThrownBy(() -> metered.lookupRamWrites(NOW, NOW, null)).isSameAs(e);
        }
        assertThat(lookups(metrics, "ok")).isEqualTo(1);
        assertThat(lookups(metrics, "throttled")).isEqualTo(1);
        assertThat(lookups(metrics, "denied")).isEqualTo(1);
        assertThat(lookups(metrics, "error")).isEqualTo(3);
    }

    private static double lookups(OperatorMetrics metrics, String outcome) {
        return metrics.registry().get("ramgrants.drift.event.lookups").tags("account", "1111111111111111",
                "outcome", outcome).counter().count();
    }

    private static double feeds(OperatorMetrics metrics, String account, String state) {
        return metrics.registry().get("ramgrants.drift.event.feeds").tags("account", account, "state", state)
                .gauge().value();
    }

    private static DriftEventsStatus status(String state, String reason, String cursor) {
        DriftEventsStatus s = new DriftEventsStatus();
        s.state = state;
        s.reason = reason;
        s.message = "m";
        s.cursor = cursor;
        return s;
    }
}
