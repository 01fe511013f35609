package io.ramgrants.ram;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * ActionTrail's event history of one account, as far as drift detection needs it: one page of
 * RAM write events ({@code ServiceName=Ram}, {@code EventRW=Write}) between two instants,
 * newest first. Events are the service's JSON objects, unparsed: treat them as untrusted.
 */
public interface ActionTrailGateway {
    /** Results per call; the API's maximum. */
    int PAGE_SIZE = 50;

    EventPage lookupRamWrites(Instant start, Instant end, String nextToken);

    /** One page; {@code nextToken} null on the last. */
    record EventPage(List<Map<String, ?>> events, String nextToken) {
        public EventPage {
            events = events == null ? List.of() : List.copyOf(events);
        }
    }
}
