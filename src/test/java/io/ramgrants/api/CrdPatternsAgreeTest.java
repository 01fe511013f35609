package io.ramgrants.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The OpenAPI {@code pattern}s and {@code enum}s of the committed CRDs say what the Java side
 * says. An API server checks a pattern with Go's RE2 ({@code MatchString}, a search); the Java
 * validators use {@code String.matches} on the {@link FieldPatterns} constants. The two regex
 * dialects differ in places ({@code \s} is {@code [\t\n\f\r ]} in RE2 and includes {@code \x0B}
 * in Java), so each constant is run through both on tricky and random strings.
 */
class CrdPatternsAgreeTest {
    /** Characters that make regex dialects part ways, plus the ones our patterns are made of. */
    private static final String TRICKY = "\t\n\u000B\f\r \u0085\u00A0\u2028\u3000\u0000\u0660\uFF11é_.-@/:";
    private static final String PLAIN = "0123456789abcXYZ";

    @Example
    void everyCrdPatternIsAFieldPatternsConstant() {
        Map<String, String> crdPatterns = crdValues("pattern");
        assertThat(crdPatterns).hasSizeGreaterThanOrEqualTo(15);
        assertThat(crdPatterns).allSatisfy((where, pattern) ->
                assertThat(fieldPatterns().values()).as(where).contains(pattern));
    }

    @Example
    void everyCrdEnumListsExactlyTheConstantsOfAJavaEnum() {
        List<Set<String>> javaEnums = List.of(names(DtsEngine.values()), names(DatabaseType.values()),
                names(NetworkType.values()), names(Infrastructure.values()), names(DeletionPolicy.values()),
                names(ManagementPolicy.values()), names(AdoptionPolicy.values()));
        Map<String, Set<String>> crdEnums = new LinkedHashMap<>();
        CrdSchemas.byKind().forEach((kind, schema) -> walk(kind, schema, (where, node) -> {
            if (node.has("enum")) {
                Set<String> values = new TreeSet<>();
                node.get("enum").forEach(v -> values.add(v.asText()));
                crdEnums.put(where, values);
            }
        }));
        assertThat(crdEnums).hasSizeGreaterThanOrEqualTo(10);
        assertThat(crdEnums).allSatisfy((where, values) -> assertThat(javaEnums).as(where).contains(values));
    }

    @Example
    void goAndJavaAgreeOnTrickyStrings() {
        for (Map.Entry<String, String> constant : fieldPatterns().entrySet()) {
            for (String sample : samples()) {
                assertAgree(constant.getKey(), constant.getValue(), sample);
            }
        }
    }

    /**
     * Not agreed, documented: an API server counts {@code maxLength} in code points, Java's
     * {@code String.length()} (SpecChecks, for spec.description) in UTF-16 units. For text outside
     * the Basic Multilingual Plane (emoji) the operator refuses a description the API server admitted.
     */
    @Example
    void descriptionLengthIsCountedDifferentlyOutsideTheBasicMultilingualPlane() {
        String emoji = "\uD83D\uDE00".repeat(FieldPatterns.MAX_USER_DESCRIPTION / 2 + 1);
        DmsAccessRoleSpec spec = new DmsAccessRoleSpec();
        spec.ownerAccountRef = new AccountRef("owner");
        spec.accessorAccountId = "1234567890123456";
        spec.description = emoji;

        assertThat(ApiServerValidation.of("DmsAccessRole").validateSpec(ApiServerValidation.json(spec))).isEmpty();
        assertThat(new io.ramgrants.desired.validation.DmsAccessValidator()
                .validate("team-a", spec, io.ramgrants.desired.InMemoryAccountDirectory.empty()))
                .extracting(io.ramgrants.desired.validation.ValidationError::fieldPath).contains("spec.description");
    }

    @Property(tries = 2000)
    void goAndJavaAgreeOnRandomStrings(@ForAll("patternNames") String name, @ForAll("strings") String value) {
        assertAgree(name, fieldPatterns().get(name), value);
    }

    /** A valid value with one tricky character put in, appended or prepended at every position class. */
    @Property(tries = 1000)
    void goAndJavaAgreeOnNearlyValidStrings(@ForAll("patternNames") String name,
                                           @ForAll("trickyChars") char inserted) {
        String pattern = fieldPatterns().get(name);
        String valid = validSample(name);
        assertThat(ApiServerValidation.matchesLikeGo(pattern, valid)).as(name + " sample").isTrue();
        for (int at = 0; at <= valid.length(); at++) {
            assertAgree(name, pattern, valid.substring(0, at) + inserted + valid.substring(at));
        }
    }

    @Provide
    Arbitrary<String> patternNames() {
        return Arbitraries.of(fieldPatterns().keySet());
    }

    @Provide
    Arbitrary<String> strings() {
        return Arbitraries.strings().withChars((PLAIN + TRICKY + "acs:ram::role/oidc-provider/http://").toCharArray())
                .ofMaxLength(80);
    }

    @Provide
    Arbitrary<Character> trickyChars() {
        return Arbitraries.of(TRICKY.chars().mapToObj(c -> (char) c).toList());
    }

    private static void assertAgree(String name, String pattern, String value) {
        assertThat(ApiServerValidation.matchesLikeGo(pattern, value))
                .as("%s on %s: the API server (RE2) vs Java's String.matches", name, printable(value))
                .isEqualTo(value.matches(pattern));
    }

    private static List<String> samples() {
        List<String> samples = new ArrayList<>(List.of("", " ", "\n"));
        for (String name : fieldPatterns().keySet()) {
            String valid = validSample(name);
            samples.add(valid);
            samples.add(valid + "\n");
            samples.add("\n" + valid);
            for (char c : TRICKY.toCharArray()) {
                samples.add(valid + c);
                samples.add(valid.substring(0, valid.length() / 2) + c + valid.substring(valid.length() / 2));
            }
        }
        return samples;
    }

    private static String validSample(String constant) {
        return switch (constant) {
            case "ACCOUNT_ID" -> "1234567890123456";
            case "ROLE_NAME" -> "ram-for-dts.v2";
            case "POLICY_NAME" -> "dms-team-a-analytics";
            case "ENDPOINT_URL" -> "http://127.0.0.1:18080/";
            case "ROLE_ARN" -> "acs:ram::1234567890123456:role/ram-for-dts";
            case "OIDC_PROVIDER_ARN" -> "acs:ram::1234567890123456:oidc-provider/ack-rrsa_1.x";
            case "SESSION_NAME" -> "operator@ram.grants_1";
            case "NAMESPACE" -> "team-a";
            case "OBJECT_NAME" -> "orders.keys-1";
            case "NOT_BLANK" -> " /var/run/token ";
            default -> throw new IllegalArgumentException("no sample for FieldPatterns." + constant);
        };
    }

    /** FieldPatterns' String constants by name. */
    private static Map<String, String> fieldPatterns() {
        Map<String, String> patterns = new LinkedHashMap<>();
        for (Field field : FieldPatterns.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    patterns.put(field.getName(), (String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return patterns;
    }

    private static Map<String, String> crdValues(String keyword) {
        Map<String, String> values = new LinkedHashMap<>();
        CrdSchemas.byKind().forEach((kind, schema) -> walk(kind, schema, (where, node) -> {
            if (node.has(keyword)) {
                values.put(where, node.get(keyword).asText());
            }
        }));
        return values;
    }

    private interface NodeVisitor {
        void visit(String where, JsonNode node);
    }

    private static void walk(String where, JsonNode node, NodeVisitor visitor) {
        visitor.visit(where, node);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            walk(where + "." + property.getKey(), property.getValue(), visitor);
        }
        if (node.has("items")) {
            walk(where + "[]", node.get("items"), visitor);
        }
    }

    private static Set<String> names(Enum<?>[] constants) {
        return Arrays.stream(constants).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String printable(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return out.append('"').toString();
    }
}
