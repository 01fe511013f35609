package io.ramgrants.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Flow control as RAM applies it, per account: an optional overall rate and, optionally,
 * RAM's documented per-API quotas. A call must pass both.
 */
final class RateLimits {
    /** The quota table this emulator enforces, read from {@value #QUOTA_TABLE}: action, calls per second, source. */
    static final String QUOTA_TABLE = "ram-api-quotas.tsv";
    /** The source column of a row no published page backs. */
    static final String ASSUMED = "assumed";

    /** A row of the quota table. */
    record Quota(String action, int perSecond, String source) {}

    static final List<Quota> TABLE = readTable();
    /** RAM's and STS's per-account quotas in calls per second, documented or assumed (see the table). */
    static final Map<String, Integer> RAM_QUOTAS = TABLE.stream()
            .collect(Collectors.toUnmodifiableMap(Quota::action, Quota::perSecond));

    private static List<Quota> readTable() {
        try (InputStream in = RateLimits.class.getResourceAsStream(QUOTA_TABLE)) {
            if (in == null) {
                throw new IllegalStateException(QUOTA_TABLE + " is missing from the classpath");
            }
            List<Quota> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String row = line.strip();
                if (row.isEmpty() || row.startsWith("#")) {
                    continue;
                }
                String[] cells = row.split("\t");
                if (cells.length != 3) {
                    throw new IllegalStateException(QUOTA_TABLE + ": expected action, per-second, source: " + row);
                }
                rows.add(new Quota(cells[0], Integer.parseInt(cells[1]), cells[2]));
            }
            return List.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final double ratePerAccount;
    private final boolean quotas;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    RateLimits(double ratePerAccount, boolean quotas, LongSupplier nanoTime) {
        this.ratePerAccount = ratePerAccount;
        this.quotas = quotas;
        this.nanoTime = nanoTime;
    }

    boolean tryAcquire(String accountId, String action) {
        if (quotas) {
            Integer quota = RAM_QUOTAS.get(action);
            if (quota != null && !bucket(accountId + "/" + action, quota).tryAcquire()) {
                return false;
            }
        }
        return ratePerAccount <= 0 || bucket(accountId, ratePerAccount).tryAcquire();
    }

    private TokenBucket bucket(String key, double perSecond) {
        return buckets.computeIfAbsent(key, k -> new TokenBucket(perSecond, nanoTime));
    }
}
