package io.ramgrants.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CEL rules of the committed CRDs are valid CEL, type-check against the schema the way an
 * API server compiles them, and admit every example we publish.
 */
class CelRulesTest {
    private static final Path PROJECT = Path.of(System.getProperty("basedir", "."));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<CrdSchemas.Rule> rules() {
        return CrdSchemas.rules().stream();
    }

    @Test
    void theCrdsCarryTheRulesWeExpect() {
        assertThat(CrdSchemas.rules()).extracting(r -> r.kind() + " " + r.schemaPath()).containsExactlyInAnyOrder(
                "AlibabaCloudAccount spec.credentials",
                "CrossAccountDtsGrant spec",
                "CrossAccountDtsGrant spec",
                "CrossAccountDtsGrant spec.destination",
                "CrossAccountDtsGrant spec.source");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void compilesAndTypeChecksToABoolAgainstTheSchema(CrdSchemas.Rule rule) throws CelValidationException {
        CelRuleCompiler.CompiledRule compiled = CelRuleCompiler.compile(rule);

        assertThat(compiled.ast().isChecked()).isTrue();
        assertThat(compiled.ast().getResultType()).isEqualTo(SimpleType.BOOL);
        assertThat(rule.message()).as("a rule without a message shows users the CEL source").isNotBlank();
        // A transition rule would need oldSelf bound and would not run on create: the harness has neither.
        assertThat(rule.rule()).doesNotContain("oldSelf");
    }

    @Test
    void typeCheckingUsesTheSchemaSoAMisspeltFieldOrAWrongTypeFailsToCompile() {
        CrdSchemas.Rule spec = CrdSchemas.rules().stream()
                .filter(r -> r.kind().equals("CrossAccountDtsGrant") && r.schemaPath().equals("spec"))
                .findFirst().orElseThrow();

        assertThatThrownBy(() -> CelRuleCompiler.compile(withRule(spec, "has(self.destinaton)")))
                .isInstanceOf(CelValidationException.class).hasMessageContaining("destinaton");
        assertThatThrownBy(() -> CelRuleCompiler.compile(withRule(spec, "self.twoWay == 'RdsMySQL'")))
                .isInstanceOf(CelValidationException.class);
        assertThatThrownBy(() -> CelRuleCompiler.compile(withRule(spec, "self.source.engine")))
                .as("a rule must be a bool").isInstanceOf(CelValidationException.class);
    }

    @Test
    void propertyNamesThatAreCelKeywordsAreEscapedAsKubernetesDoes() throws CelValidationException {
        CrdSchemas.Rule credentials = CrdSchemas.rules().stream()
                .filter(r -> r.kind().equals("AlibabaCloudAccount")).findFirst().orElseThrow();
        CelRuleCompiler.CompiledRule namespaceSet = CelRuleCompiler.compile(withRule(credentials,
                "!has(self.secretRef) || has(self.secretRef.__namespace__)"));

        assertThat(namespaceSet.accepts(Map.of("secretRef", Map.of("name", "k", "namespace", "ns")))).isTrue();
        assertThat(namespaceSet.accepts(Map.of("secretRef", Map.of("name", "k")))).isFalse();
    }

    @Test
    void everyExampleIsAdmittedByTheSchemaAndEveryRule() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(PROJECT.resolve("examples"))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        int checked = 0;
        for (Path file : files) {
            checked += assertAdmitted(file.toString(), Files.readString(file));
        }
        assertThat(checked).as("ramgrants.io resources under examples/").isGreaterThanOrEqualTo(12);
    }

    @Test
    void everyReadmeYamlBlockIsAdmittedByTheSchemaAndEveryRule() throws IOException {
        Matcher fenced = java.util.regex.Pattern.compile("```yaml\\n(.*?)```", java.util.regex.Pattern.DOTALL)
                .matcher(Files.readString(PROJECT.resolve("README.md")));
        int checked = 0;
        for (int block = 0; fenced.find(); block++) {
            checked += assertAdmitted("README.md yaml block " + block, fenced.group(1));
        }
        assertThat(checked).as("ramgrants.io resources in README.md").isGreaterThanOrEqualTo(7);
    }

    /** @return how many ramgrants.io resources the text held */
    private static int assertAdmitted(String source, String yaml) throws IOException {
        int count = 0;
        for (Map<String, Object> document : documents(yaml)) {
            if (!String.valueOf(document.get("apiVersion")).startsWith(ApiGroup.GROUP + "/")) {
                continue;
            }
            String kind = (String) document.get("kind");
            assertThat(ApiServerValidation.of(kind).validate(document))
                    .as("%s: %s %s", source, kind, ((Map<?, ?>) document.get("metadata")).get("name"))
                    .isEmpty();
            count++;
        }
        return count;
    }

    private static List<Map<String, Object>> documents(String yaml) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            YAML.readValues(parser, new TypeReference<Map<String, Object>>() {}).forEachRemaining(d -> {
                if (d != null) {
                    documents.add(d);
                }
            });
        }
        return documents;
    }

    private static CrdSchemas.Rule withRule(CrdSchemas.Rule rule, String cel) {
        return new CrdSchemas.Rule(rule.kind(), rule.schemaPath(), rule.node(), cel, rule.message(), rule.fieldPath());
    }
}
