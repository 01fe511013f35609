package io.ramgrants.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Named cases of what RAM may do to a document (equal) and what is a real change (different). */
class PolicyDocumentEquivalenceTest {
    private static final String TRUST = """
            {"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"RAM":["acs:ram::1111111111111111:root"],\
            "Service":["1111111111111111@dts.aliyuncs.com"]}}],"Version":"1"}""";
    private static final String PERMISSIONS = """
            {"Statement":[{"Action":["kvstore:DescribeInstances","vpc:DescribeVpcs"],"Effect":"Allow","Resource":"*"}],\
            "Version":"1"}""";

    static Stream<Arguments> equivalent() {
        return Stream.of(
                Arguments.of("keys in another order", TRUST, """
                        {"Version":"1","Statement":[{"Principal":{"Service":["1111111111111111@dts.aliyuncs.com"],\
                        "RAM":["acs:ram::1111111111111111:root"]},"Effect":"Allow","Action":"sts:AssumeRole"}]}"""),
                Arguments.of("whitespace and newlines", TRUST, """
                        {
                            "Statement": [ {
                                "Action": "sts:AssumeRole",
                                "Effect": "Allow",
                                "Principal": { "RAM": [ "acs:ram::1111111111111111:root" ],
                                               "Service": [ "1111111111111111@dts.aliyuncs.com" ] }
                            } ],
                            "Version": "1"
                        }"""),
                Arguments.of("one-element lists as strings", TRUST, """
                        {"Statement":[{"Action":["sts:AssumeRole"],"Effect":"Allow","Principal":{"RAM":\
                        "acs:ram::1111111111111111:root","Service":"1111111111111111@dts.aliyuncs.com"}}],"Version":"1"}"""),
                Arguments.of("Version missing means 1", TRUST, TRUST.replace(",\"Version\":\"1\"", "")),
                Arguments.of("Statement as an object, not a list", PERMISSIONS, """
                        {"Statement":{"Action":["kvstore:DescribeInstances","vpc:DescribeVpcs"],"Effect":"Allow",\
                        "Resource":["*"]},"Version":"1"}"""),
                Arguments.of("actions reordered", PERMISSIONS, PERMISSIONS.replace(
                        "\"kvstore:DescribeInstances\",\"vpc:DescribeVpcs\"", "\"vpc:DescribeVpcs\",\"kvstore:DescribeInstances\"")),
                Arguments.of("actions repeated", PERMISSIONS, PERMISSIONS.replace(
                        "\"vpc:DescribeVpcs\"", "\"vpc:DescribeVpcs\",\"vpc:DescribeVpcs\"")),
                Arguments.of("principal identifiers reordered", """
                        {"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"RAM":["acs:ram::1:root",\
                        "acs:ram::2:root"]}}]}""", """
                        {"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"RAM":["acs:ram::2:root",\
                        "acs:ram::1:root"]}}]}"""),
                Arguments.of("statements reordered", """
                        {"Statement":[{"Action":"a:A","Effect":"Allow","Resource":"*"},\
                        {"Action":"b:B","Effect":"Deny","Resource":"*"}]}""", """
                        {"Statement":[{"Action":"b:B","Effect":"Deny","Resource":"*"},\
                        {"Action":"a:A","Effect":"Allow","Resource":"*"}]}"""),
                Arguments.of("statement repeated", PERMISSIONS, """
                        {"Statement":[{"Action":["kvstore:DescribeInstances","vpc:DescribeVpcs"],"Effect":"Allow",\
                        "Resource":"*"},{"Action":["vpc:DescribeVpcs","kvstore:DescribeInstances"],"Effect":"Allow",\
                        "Resource":"*"}],"Version":"1"}"""),
                Arguments.of("condition values and keys reordered, scalar vs list", """
                        {"Statement":[{"Action":"a:A","Effect":"Allow","Resource":"*","Condition":{"IpAddress":\
                        {"acs:SourceIp":["10.0.0.0/8","192.168.0.0/16"]},"Bool":{"acs:SecureTransport":"true"}}}]}""", """
                        {"Statement":[{"Action":"a:A","Effect":"Allow","Resource":"*","Condition":{"Bool":\
                        {"acs:SecureTransport":["true"]},"IpAddress":{"acs:SourceIp":["192.168.0.0/16","10.0.0.0/8"]}}}]}"""));
    }

    static Stream<Arguments> different() {
        return Stream.of(
                Arguments.of("an extra action", PERMISSIONS, PERMISSIONS.replace(
                        "\"vpc:DescribeVpcs\"", "\"vpc:DescribeVpcs\",\"vpc:DeleteVpc\"")),
                Arguments.of("another trusted account", TRUST, TRUST.replace(
                        "acs:ram::1111111111111111:root", "acs:ram::9999999999999999:root")),
                Arguments.of("another trusted service", TRUST, TRUST.replace("@dts.", "@dms.")),
                Arguments.of("a principal dropped", TRUST, TRUST.replace(
                        ",\"Service\":[\"1111111111111111@dts.aliyuncs.com\"]", "")),
                Arguments.of("same identifier under another principal type", """
                        {"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"RAM":["x"]}}]}""", """
                        {"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["x"]}}]}"""),
                Arguments.of("Deny instead of Allow", PERMISSIONS, PERMISSIONS.replace("Allow", "Deny")),
                Arguments.of("Resource missing instead of *", PERMISSIONS, PERMISSIONS.replace(",\"Resource\":\"*\"", "")),
                Arguments.of("NotAction instead of Action", PERMISSIONS, PERMISSIONS.replace("\"Action\"", "\"NotAction\"")),
                Arguments.of("another condition value", """
                        {"Statement":[{"Action":"a:A","Effect":"Allow","Resource":"*","Condition":{"Bool":\
                        {"acs:SecureTransport":"true"}}}]}""", """
                        {"Statement":[{"Action":"a:A","Effect":"Allow","Resource":"*","Condition":{"Bool":\
                        {"acs:SecureTransport":"false"}}}]}"""),
                Arguments.of("a statement split in two", PERMISSIONS, """
                        {"Statement":[{"Action":"kvstore:DescribeInstances","Effect":"Allow","Resource":"*"},\
                        {"Action":"vpc:DescribeVpcs","Effect":"Allow","Resource":"*"}],"Version":"1"}"""));
    }

    @ParameterizedTest(name = "equal: {0}")
    @MethodSource("equivalent")
    void equivalentDocumentsAreEqual(String name, String a, String b) {
        PolicyDocument left = PolicyDocument.parse(a);
        PolicyDocument right = PolicyDocument.parse(b);

        assertThat(left).isEqualTo(right);
        assertThat(left.hashCode()).isEqualTo(right.hashCode());
        assertThat(left.toJson()).isEqualTo(right.toJson());
    }

    @ParameterizedTest(name = "different: {0}")
    @MethodSource("different")
    void differentDocumentsAreNotEqual(String name, String a, String b) {
        assertThat(PolicyDocument.parse(a)).isNotEqualTo(PolicyDocument.parse(b));
    }

    @Test
    void compactFormIsWhatRamStores() {
        assertThat(PolicyDocument.parse(TRUST).toJson()).isEqualTo(TRUST);
        assertThat(PolicyDocument.parse(PERMISSIONS).toJson()).isEqualTo(PERMISSIONS);
        assertThat(PolicyDocument.parse(PERMISSIONS).length()).isEqualTo(PERMISSIONS.length());
    }

    @Test
    void builtInCodeEqualsParsed() {
        PolicyDocument built = PolicyDocument.of(Statement.assumeRoleBy(Principal.of(
                List.of("acs:ram::1111111111111111:root"), List.of("1111111111111111@dts.aliyuncs.com"), List.of())));

        assertThat(built).isEqualTo(PolicyDocument.parse(TRUST));
    }

    @Test
    void conditionBuiltInCodeIsCanonicalToo() {
        PolicyDocument parsed = PolicyDocument.parse("""
                {"Statement":[{"Action":"a:A","Effect":"Allow","Resource":"*","Condition":\
                {"Bool":{"acs:SecureTransport":"true"}}}]}""");
        Statement original = parsed.statements().get(0);
        com.fasterxml.jackson.databind.node.ObjectNode condition =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        condition.putObject("Bool").put("acs:SecureTransport", "true");

        Statement built = new Statement("Allow", List.of("a:A"), List.of(), List.of("*"), null, condition);

        assertThat(built).isEqualTo(original);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not JSON", "{\"Statement\":", "not valid JSON"),
                Arguments.of("not an object", "[]", "JSON object"),
                Arguments.of("no Statement", "{\"Version\":\"1\"}", "no Statement"),
                Arguments.of("bad Effect", "{\"Statement\":[{\"Action\":\"a:A\",\"Effect\":\"allow\"}]}", "Effect"),
                Arguments.of("no Action", "{\"Statement\":[{\"Effect\":\"Allow\"}]}", "Action"),
                Arguments.of("numeric Version", "{\"Version\":1,\"Statement\":[]}", "Version"),
                Arguments.of("Principal as a string", "{\"Statement\":[{\"Action\":\"a:A\",\"Effect\":\"Allow\","
                        + "\"Principal\":\"*\"}]}", "Principal"));
    }

    @ParameterizedTest(name = "malformed: {0}")
    @MethodSource("malformed")
    void malformedDocumentsAreRejectedWithAReason(String name, String json, String reason) {
        assertThatThrownBy(() -> PolicyDocument.parse(json))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessageContaining(reason);
    }
}
