package io.ramgrants.engine;

import static io.ramgrants.engine.Fixtures.A;
import static io.ramgrants.engine.Fixtures.DMS_OWNER;
import static io.ramgrants.engine.Fixtures.DTS_OWNER;
import static io.ramgrants.engine.Observations.custom;
import static io.ramgrants.engine.Observations.missing;
import static io.ramgrants.engine.Observations.policy;
import static io.ramgrants.engine.Observations.role;
import static io.ramgrants.engine.Observations.system;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.ramgrants.desired.DesiredRole;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Named cases: which observations are equivalent to the desired role, and which differ where. */
class DifferTest {
    /** The DTS trust policy the way RAM hands it back: other key order, single strings, spaces. */
    static final String DTS_TRUST_AS_RAM_RETURNS = """
            { "Version": "1", "Statement": [ { "Principal": { "Service": ["3333333333333333@dts.aliyuncs.com"],
              "RAM": "acs:ram::3333333333333333:root" }, "Effect": "Allow", "Action": "sts:AssumeRole" } ] }""";
    static final String DTS_TRUST_OTHER_TASK = """
            {"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"RAM":["acs:ram::4444444444444444:root"],
             "Service":["4444444444444444@dts.aliyuncs.com"]}}],"Version":"1"}""";
    static final String DTS_TRUST_EXTRA_PRINCIPAL = """
            {"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"RAM":["acs:ram::3333333333333333:root",
             "acs:ram::9999999999999999:root"],"Service":["3333333333333333@dts.aliyuncs.com"]}}],"Version":"1"}""";
    static final String DMS_TRUST = """
            {"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"3333333333333333@dms.aliyuncs.com"}}]}""";
    static final String DMS_POLICY_REORDERED = """
            {"Version":"1","Statement":[{"Resource":"*","Effect":"Allow","Action":["vpc:DescribeVpcs","kvstore:DescribeInstances"]}]}""";
    static final String DMS_POLICY_WIDENED = """
            {"Version":"1","Statement":[{"Resource":"*","Effect":"Allow","Action":["*"]}]}""";

    static final DesiredRole DTS = Fixtures.dtsRole(A);
    static final DesiredRole DMS = Fixtures.dmsRole(A);
    static final String DTS_MARKER = DTS_OWNER.marker();
    static final String DMS_MARKER = DMS_OWNER.marker();

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("RAM's re-serialised trust policy equals ours", DTS,
                        role(A, "ram-for-dts", DTS_TRUST_AS_RAM_RETURNS, DTS_MARKER, List.of(system("AliyunDTSRolePolicy"))),
                        List.of()),
                arguments("missing role needs the role and every attachment", DTS,
                        missing(A, "ram-for-dts"),
                        List.of("ROLE_MISSING ram-for-dts", "ATTACHMENT_MISSING System/AliyunDTSRolePolicy")),
                arguments("trust policy naming another task account", DTS,
                        role(A, "ram-for-dts", DTS_TRUST_OTHER_TASK, DTS_MARKER, List.of(system("AliyunDTSRolePolicy"))),
                        List.of("TRUST_POLICY ram-for-dts")),
                arguments("trust policy with an extra trusted account", DTS,
                        role(A, "ram-for-dts", DTS_TRUST_EXTRA_PRINCIPAL, DTS_MARKER, List.of(system("AliyunDTSRolePolicy"))),
                        List.of("TRUST_POLICY ram-for-dts")),
                arguments("trust policy RAM cannot have produced (not JSON) differs", DTS,
                        role(A, "ram-for-dts", "not json", DTS_MARKER, List.of(system("AliyunDTSRolePolicy"))),
                        List.of("TRUST_POLICY ram-for-dts")),
                arguments("description edited by hand", DTS,
                        role(A, "ram-for-dts", DTS_TRUST_AS_RAM_RETURNS, DTS_MARKER + " (edited)",
                                List.of(system("AliyunDTSRolePolicy"))),
                        List.of("DESCRIPTION ram-for-dts")),
                arguments("desired system policy detached", DTS,
                        role(A, "ram-for-dts", DTS_TRUST_AS_RAM_RETURNS, DTS_MARKER, List.of()),
                        List.of("ATTACHMENT_MISSING System/AliyunDTSRolePolicy")),
                arguments("AdministratorAccess attached out of band is an extra", DTS,
                        role(A, "ram-for-dts", DTS_TRUST_AS_RAM_RETURNS, DTS_MARKER,
                                List.of(system("AliyunDTSRolePolicy"), system("AdministratorAccess"))),
                        List.of("ATTACHMENT_EXTRA System/AdministratorAccess")),
                arguments("a custom policy with the system policy's name is not the system policy", DTS,
                        role(A, "ram-for-dts", DTS_TRUST_AS_RAM_RETURNS, DTS_MARKER, List.of(custom("AliyunDTSRolePolicy"))),
                        List.of("ATTACHMENT_EXTRA Custom/AliyunDTSRolePolicy", "ATTACHMENT_MISSING System/AliyunDTSRolePolicy")),
                arguments("custom policy with reordered actions equals ours", DMS,
                        role(A, "ram-for-dms", DMS_TRUST, DMS_MARKER, List.of(custom("dms-redis-policy")),
                                policy("dms-redis-policy", DMS_POLICY_REORDERED, DMS_MARKER)),
                        List.of()),
                arguments("custom policy widened by hand", DMS,
                        role(A, "ram-for-dms", DMS_TRUST, DMS_MARKER, List.of(custom("dms-redis-policy")),
                                policy("dms-redis-policy", DMS_POLICY_WIDENED, DMS_MARKER)),
                        List.of("POLICY_DOCUMENT dms-redis-policy")),
                arguments("custom policy deleted while still wanted", DMS,
                        role(A, "ram-for-dms", DMS_TRUST, DMS_MARKER, List.of()),
                        List.of("POLICY_MISSING dms-redis-policy", "ATTACHMENT_MISSING Custom/dms-redis-policy")),
                arguments("nothing exists yet for a DMS registration", DMS,
                        missing(A, "ram-for-dms"),
                        List.of("POLICY_MISSING dms-redis-policy", "ROLE_MISSING ram-for-dms",
                                "ATTACHMENT_MISSING Custom/dms-redis-policy")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsExactlyTheDifferencesExpected(String reason, DesiredRole desired, ObservedRole observed,
                                            List<String> expected) {
        RoleDiff diff = new Differ().diff(desired, observed);
        assertThat(diff.differences()).map(Difference::toString).containsExactlyElementsOf(expected);
        assertThat(diff.isEmpty()).isEqualTo(expected.isEmpty());
    }
}
