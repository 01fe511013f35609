package io.ramgrants.accounts;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hosts the operator and the CLI may send credentials or signed requests to. An
 * {@code AlibabaCloudAccount} can name any RAM, STS and ActionTrail URL in {@code spec.endpoint}; without
 * this list, whoever may create one could have the operator's OIDC token, environment keys,
 * AccessKey IDs and request contents sent to a server of their choosing.
 *
 * <p>Default: Alibaba Cloud's own RAM, STS and ActionTrail host names ({@link #ALIBABA_CLOUD}: the
 * global names, the regional {@code sts.<region>}, {@code sts-vpc.<region>},
 * {@code actiontrail.<region>} and {@code actiontrail-vpc.<region>} names, which include the
 * Finance ({@code cn-shanghai-finance-1}, {@code cn-shenzhen-finance-1}) and Government
 * ({@code cn-north-2-gov-1}) regions, and RAM's VPC name) plus loopback literals
 * ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}) for the emulator, the demo and tests.
 * Loopback is judged on the literal only, never by resolving a name, so a DNS name that
 * points at 127.0.0.1 today and elsewhere tomorrow is not loopback.
 *
 * <p>A pattern is a host name in which {@code *} stands for exactly one DNS label
 * ({@code sts.*.aliyuncs.com} matches {@code sts.cn-hangzhou.aliyuncs.com}, not
 * {@code sts.a.b.aliyuncs.com} nor {@code sts.evil.com}). Comparison ignores case and a
 * trailing dot.
 */
public final class EndpointAllowList {
    /** Alibaba Cloud RAM, STS and ActionTrail host names (see docs/install.md for the sources). */
    public static final List<String> ALIBABA_CLOUD = List.of(
            "ram.aliyuncs.com", "ram.vpc-proxy.aliyuncs.com", "ram.*.aliyuncs.com",
            "sts.aliyuncs.com", "sts.*.aliyuncs.com", "sts-vpc.*.aliyuncs.com",
            "actiontrail.aliyuncs.com", "actiontrail.*.aliyuncs.com", "actiontrail-vpc.*.aliyuncs.com");

    private static final Pattern LABEL_OR_STAR = Pattern.compile("^(\\*|[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)$");
    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");

    private final List<String> extra;
    private final List<Pattern> patterns;

    private EndpointAllowList(List<String> extra) {
        this.extra = List.copyOf(extra);
        List<Pattern> compiled = new ArrayList<>();
        for (String pattern : ALIBABA_CLOUD) {
            compiled.add(compile(pattern));
        }
        for (String pattern : this.extra) {
            compiled.add(compile(pattern));
        }
        this.patterns = List.copyOf(compiled);
    }

    /** Alibaba Cloud's hosts and loopback only. */
    public static EndpointAllowList defaults() {
        return new EndpointAllowList(List.of());
    }

    /**
     * The defaults plus {@code extraPatterns} ({@code run/plan/apply --allow-endpoint-host}).
     *
     * @throws IllegalArgumentException for a pattern that is not a host name with optional
     *                                  one-label wildcards (a URL, a port, {@code *.*} alone)
     */
    public static EndpointAllowList withExtraHosts(List<String> extraPatterns) {
        Set<String> cleaned = new LinkedHashSet<>();
        for (String p : extraPatterns == null ? List.<String>of() : extraPatterns) {
            if (p != null && !p.isBlank()) {
                cleaned.add(normalise(p.strip()));
            }
        }
        cleaned.forEach(EndpointAllowList::compile);
        return new EndpointAllowList(new ArrayList<>(cleaned));
    }

    /** The patterns added to the defaults, normalised. */
    public List<String> extraHosts() {
        return extra;
    }

    /** Whether requests to {@code endpoint}'s host may carry credentials. */
    public boolean allows(URI endpoint) {
        return endpoint != null && allowsHost(endpoint.getHost());
    }

    public boolean allowsHost(String rawHost) {
        if (rawHost == null || rawHost.isBlank()) {
            return false;
        }
        String host = normalise(rawHost);
        if (isLoopbackLiteral(host)) {
            return true;
        }
        return patterns.stream().anyMatch(p -> p.matcher(host).matches());
    }

    private static boolean isLoopbackLiteral(String host) {
        if (host.equals("localhost") || host.equals("[::1]") || host.equals("::1")) {
            return true;
        }
        var ipv4 = IPV4.matcher(host);
        if (!ipv4.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (ipv4.group(i).length() > 1 && ipv4.group(i).startsWith("0") || Integer.parseInt(ipv4.group(i)) > 255) {
                return false;
            }
        }
        return ipv4.group(1).equals("127");
    }

    private static String normalise(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static Pattern compile(String pattern) {
        String[] labels = pattern.split("\\.", -1);
        boolean literal = false;
        StringBuilder regex = new StringBuilder("^");
        for (int i = 0; i < labels.length; i++) {
            if (!LABEL_OR_STAR.matcher(labels[i]).matches()) {
                throw new IllegalArgumentException("--allow-endpoint-host expects a host name such as ram.example.com"
                        + " or sts.*.example.com ('*' = one DNS label); got '" + pattern + "'");
            }
            literal |= !labels[i].equals("*");
            regex.append(i == 0 ? "" : "\\.")
                    .append(labels[i].equals("*") ? "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?" : Pattern.quote(labels[i]));
        }
        if (!literal) {
            throw new IllegalArgumentException("--allow-endpoint-host pattern '" + pattern
                    + "' is too wide: name at least one label, e.g. *.example.com");
        }
        return Pattern.compile(regex.append("$").toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EndpointAllowList other && extra.equals(other.extra);
    }

    @Override
    public int hashCode() {
        return Objects.hash(extra);
    }

    @Override
    public String toString() {
        return "EndpointAllowList" + (extra.isEmpty() ? "[defaults]" : "[defaults + " + extra + "]");
    }
}
