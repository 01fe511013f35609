package io.ramgrants.emulator;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RAM ARNs. RAM lower-cases the role name in a role ARN, so lookups ignore case. */
final class Arns {
    private static final Pattern ROLE = Pattern.compile("acs:ram::(\\d+):role/([^/]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern OIDC_PROVIDER = Pattern.compile("acs:ram::(\\d+):oidc-provider/([^/]+)",
            Pattern.CASE_INSENSITIVE);

    record Parsed(String accountId, String name) {
    }

    private Arns() {
    }

    static String role(String accountId, String roleName) {
        return "acs:ram::" + accountId + ":role/" + roleName.toLowerCase(Locale.ROOT);
    }

    static Parsed parseRole(String arn) {
        return parse(ROLE, arn);
    }

    static Parsed parseOidcProvider(String arn) {
        return parse(OIDC_PROVIDER, arn);
    }

    private static Parsed parse(Pattern pattern, String arn) {
        if (arn == null) {
            return null;
        }
        Matcher m = pattern.matcher(arn.trim());
        return m.matches() ? new Parsed(m.group(1), m.group(2)) : null;
    }
}
