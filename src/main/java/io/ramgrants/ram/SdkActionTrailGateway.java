package io.ramgrants.ram;

import com.aliyun.actiontrail20200706.Client;
import com.aliyun.actiontrail20200706.models.LookupEventsRequest;
import com.aliyun.actiontrail20200706.models.LookupEventsRequest.LookupEventsRequestLookupAttribute;
import com.aliyun.actiontrail20200706.models.LookupEventsResponseBody;
import com.aliyun.teautil.models.RuntimeOptions;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@link ActionTrailGateway} over the official SDK ({@code com.aliyun:actiontrail20200706}),
 * with the account's credentials (rotating ones included) and the same endpoint checks as RAM.
 * Failures are {@link RamException}s classified like RAM's; the SDK does not retry by itself.
 */
public final class SdkActionTrailGateway implements ActionTrailGateway {
    /** ActionTrail's public endpoint; the event history of RAM, a global service, is queried there. */
    public static final URI PUBLIC_ENDPOINT = URI.create("https://actiontrail.cn-hangzhou.aliyuncs.com/");
    static final String ACTION = "LookupEvents";

    private final CredentialBoundClient<Client> clients;
    private final RuntimeOptions runtime;

    public SdkActionTrailGateway(URI endpoint, CredentialProvider credentials, RamClientSettings settings) {
        this.clients = new CredentialBoundClient<>(endpoint, settings, credentials, Client::new);
        this.runtime = SdkConfigs.runtime(settings);
    }

    /**
     * Where an account's ActionTrail is: its {@code spec.endpoint.actiontrail} when set (Finance and
     * Government clouds, private gateways; checked against the endpoint allow-list like RAM's);
     * else the public endpoint while RAM is at its public one; with a RAM endpoint override (the
     * emulator, a private gateway) the same base URL, which already passed the account's endpoint rules.
     */
    public static URI endpointFor(AccountEndpoint endpoint) {
        if (endpoint.actiontrail() != null) {
            return endpoint.actiontrail();
        }
        return endpoint.ram().equals(AccountEndpoint.PUBLIC_RAM) ? PUBLIC_ENDPOINT : endpoint.ram();
    }

    @Override
    public EventPage lookupRamWrites(Instant start, Instant end, String nextToken) {
        LookupEventsRequest request = new LookupEventsRequest()
                .setStartTime(start.truncatedTo(ChronoUnit.SECONDS).toString())
                .setEndTime(end.truncatedTo(ChronoUnit.SECONDS).toString())
                .setMaxResults(String.valueOf(PAGE_SIZE))
                .setNextToken(nextToken)
                .setLookupAttribute(List.of(
                        new LookupEventsRequestLookupAttribute().setKey("ServiceName").setValue("Ram"),
                        new LookupEventsRequestLookupAttribute().setKey("EventRW").setValue("Write")));
        try {
            LookupEventsResponseBody body = clients.client().lookupEventsWithOptions(request, runtime).getBody();
            return new EventPage(body.getEvents(), emptyAsNull(body.getNextToken()));
        } catch (Exception e) {
            throw RamErrors.classify(e, ACTION);
        }
    }

    private static String emptyAsNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
