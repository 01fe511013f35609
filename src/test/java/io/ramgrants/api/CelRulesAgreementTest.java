package io.ramgrants.api;

import static io.ramgrants.desired.Fixtures.DESTINATION;
import static io.ramgrants.desired.Fixtures.OWNER;
import static io.ramgrants.desired.Fixtures.SOURCE;
import static io.ramgrants.desired.Fixtures.TASK;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.ramgrants.desired.Fixtures;
import io.ramgrants.desired.InMemoryAccountDirectory;
import io.ramgrants.desired.validation.AccountValidator;
import io.ramgrants.desired.validation.DtsGrantValidator;
import io.ramgrants.desired.validation.ValidationError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * For random combinations of the fields the cross-field CEL rules read (present, absent, good
 * and bad values), the API server (schema and CEL of the committed CRDs) refuses a spec exactly
 * when the Java validator does, and on the same fields. References always resolve and every
 * account shares one infrastructure: what the CRD cannot see is held fixed here and covered by
 * {@link HostileSpecsTest}.
 */
class CelRulesAgreementTest {
    /** Marks a field left out of the generated spec. */
    private static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "<absent>";
        }
    };
    private static final String UNKNOWN_ACCOUNT = "9999999999999999";
    private static final InMemoryAccountDirectory DIRECTORY = InMemoryAccountDirectory.of(List.of(
            Fixtures.account("task", TASK), Fixtures.account("source", SOURCE),
            Fixtures.account("destination", DESTINATION), Fixtures.account("other", OWNER)));

    // ---- CrossAccountDtsGrant: accountRef xor accountId, destination RdsMySQL, twoWay RdsMySQL both ways ----

    @Property(tries = 400)
    void dtsGrantApiServerAndJavaValidatorAgree(@ForAll("dtsSpecs") Map<String, Object> spec) {
        Set<String> api = apiServer("CrossAccountDtsGrant", spec);
        Set<String> java = paths(new DtsGrantValidator().validate("team-a",
                ApiServerValidation.JSON.convertValue(spec, CrossAccountDtsGrantSpec.class), DIRECTORY));

        assertThat(api.isEmpty()).as("API server refuses %s, Java refuses %s", api, java).isEqualTo(java.isEmpty());
        if (endpointWellFormed(spec.get("source")) && endpointWellFormed(spec.get("destination"))) {
            assertThat(api).isEqualTo(java);
        }
        // Otherwise the field sets differ by design, the verdict does not: Java judges an engine only on a
        // well-formed endpoint (no "destination engine" error on a side that already lacks an account), and
        // reports twoWay once an endpoint is broken; every CEL rule of the CRD runs on its own.
    }

    @Provide
    Arbitrary<Map<String, Object>> dtsSpecs() {
        Arbitrary<Object> endpoint = Combinators.combine(
                        maybe(Arbitraries.of("source", "destination", "task")),
                        maybe(Arbitraries.of(SOURCE, DESTINATION, TASK, UNKNOWN_ACCOUNT, "22222", "2222x22222222222")),
                        maybe(Arbitraries.oneOf(Arbitraries.just(DtsEngine.RdsMySQL.name()),
                                Arbitraries.of(DtsEngine.values()).map(Enum::name))))
                .as((ref, id, engine) -> object("accountRef", ref == ABSENT ? ABSENT : Map.of("name", ref),
                        "accountId", id, "engine", engine));
        return Combinators.combine(
                        maybe(Arbitraries.of(TASK, SOURCE, "123456789012345", "1111-1111-1111-1")),
                        maybe(endpoint), maybe(endpoint),
                        maybe(Arbitraries.of(true, false)),
                        maybe(Arbitraries.of("ram-for-dts", "ram_for_dts")))
                .as((task, source, destination, twoWay, roleName) -> object("taskAccountId", task, "source", source,
                        "destination", destination, "twoWay", twoWay, "roleName", roleName));
    }

    /** What Java's DtsGrantValidator calls a valid endpoint, before it judges engines. */
    private static boolean endpointWellFormed(Object endpoint) {
        if (!(endpoint instanceof Map<?, ?> map)) {
            return false;
        }
        Object accountId = map.get("accountId");
        return map.containsKey("accountRef") != (accountId != null) && map.containsKey("engine")
                && (accountId == null || ((String) accountId).matches(FieldPatterns.ACCOUNT_ID));
    }

    // ---- AlibabaCloudAccount: exactly one credential source, optional strings not blank ----------

    /**
     * The operator runs {@code validateSpec}, {@code plan} runs {@code validate} (which adds the via
     * lookup; via always names an existing account here): both say what the API server says.
     */
    @Property(tries = 200)
    void accountApiServerAndTheJavaValidatorAgree(@ForAll("credentials") Map<String, Object> credentials) {
        Map<String, Object> spec = object("accountId", OWNER, "credentials", credentials);
        AlibabaCloudAccount account = new AlibabaCloudAccount();
        account.setMetadata(new ObjectMetaBuilder().withName("this").build());
        account.setSpec(ApiServerValidation.JSON.convertValue(spec, AlibabaCloudAccountSpec.class));

        Set<String> api = apiServer("AlibabaCloudAccount", spec);

        assertThat(api).as("API server vs plan's validate").isEqualTo(paths(new AccountValidator().validate(account,
                DIRECTORY)));
        assertThat(api).as("API server vs the operator's validateSpec").isEqualTo(paths(new AccountValidator()
                .validateSpec("this", account.getSpec())));
    }

    @Provide
    Arbitrary<Map<String, Object>> credentials() {
        Arbitrary<Object> secretRef = Arbitraries.of(
                Map.of("name", "orders-keys", "namespace", "ramgrants-system"), Map.of("name", "orders-keys"));
        Arbitrary<Object> assumeRole = maybe(Arbitraries.of("ext-42", "", " ", "\t\n", "\u000B", "\u3000"))
                .map(externalId -> object("roleArn", "acs:ram::" + OWNER + ":role/operator", "via",
                        Map.of("name", "task"), "externalId", externalId));
        Arbitrary<Object> oidc = maybe(Arbitraries.of("/var/run/secrets/token", "", "  ", "\r\n"))
                .map(tokenFile -> object("roleArn", "acs:ram::" + OWNER + ":role/rrsa",
                        "oidcProviderArn", "acs:ram::" + OWNER + ":oidc-provider/ack", "tokenFile", tokenFile));
        return Combinators.combine(maybe(secretRef), maybe(assumeRole), maybe(oidc), maybe(Arbitraries.of(true, false)))
                .as((s, a, o, d) -> object("secretRef", s, "assumeRole", a, "oidc", o, "default", d));
    }

    /**
     * Agreed since the CRD gained {@code FieldPatterns.NOT_BLANK}: a blank external ID or token file
     * used to pass the API server and {@code plan} and stop only at the operator.
     */
    @net.jqwik.api.Example
    void blankOptionalStringsAreRefusedEverywhereOnTheirField() {
        Map<String, Object> blankExternalId = object("accountId", OWNER, "credentials", Map.of("assumeRole", Map.of(
                "roleArn", "acs:ram::" + OWNER + ":role/operator", "via", Map.of("name", "task"), "externalId", " ")));
        Map<String, Object> blankTokenFile = object("accountId", OWNER, "credentials", Map.of("oidc", Map.of(
                "roleArn", "acs:ram::" + OWNER + ":role/rrsa", "oidcProviderArn", "acs:ram::" + OWNER
                        + ":oidc-provider/ack", "tokenFile", "")));

        assertThat(apiServer("AlibabaCloudAccount", blankExternalId))
                .containsExactly("spec.credentials.assumeRole.externalId");
        assertThat(apiServer("AlibabaCloudAccount", blankTokenFile)).containsExactly("spec.credentials.oidc.tokenFile");
        for (Map<String, Object> spec : List.of(blankExternalId, blankTokenFile)) {
            assertThat(paths(new AccountValidator().validateSpec("this",
                    ApiServerValidation.JSON.convertValue(spec, AlibabaCloudAccountSpec.class))))
                    .isEqualTo(apiServer("AlibabaCloudAccount", spec));
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static Set<String> apiServer(String kind, Map<String, Object> spec) {
        return ApiServerValidation.of(kind).validateSpec(spec).stream().map(ApiServerValidation.FieldError::path)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> paths(List<ValidationError> errors) {
        return errors.stream().map(ValidationError::fieldPath).collect(Collectors.toCollection(TreeSet::new));
    }

    private static <T> Arbitrary<Object> maybe(Arbitrary<T> value) {
        Arbitrary<Object> absent = Arbitraries.just(ABSENT);
        Arbitrary<Object> present = value.map(v -> (Object) v);
        return Arbitraries.frequencyOf(Tuple.of(1, absent), Tuple.of(3, present));
    }

    /** An object of the given key/value pairs, without the absent ones. */
    private static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != ABSENT) {
                object.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return object;
    }
}
