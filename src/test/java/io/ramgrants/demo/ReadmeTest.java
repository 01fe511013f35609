package io.ramgrants.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.accounts.AccountReason;
import io.ramgrants.controller.grant.GrantReasons;
import io.ramgrants.manifest.EvaluatedResource;
import io.ramgrants.manifest.ManifestEvaluator;
import io.ramgrants.manifest.ManifestSet;
import io.ramgrants.manifest.ManifestReader;
import io.ramgrants.policy.PolicyDocument;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's examples and reference lists stay true to the code. */
class ReadmeTest {
    private static final Path README = Path.of("README.md");
    private static final Pattern FENCED = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void keepsTheTwoCommandsANewcomerRuns() throws IOException {
        assertThat(readme())
                .contains("\n    mvn -q -DskipTests package && java -jar target/ram-grant-operator.jar demo\n")
                .contains("\n    mvn -B -ntp verify\n");
    }

    @Test
    void everyYamlExampleIsAValidManifest(@TempDir Path dir) throws IOException {
        List<String> blocks = blocks("yaml");
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(7);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            files.add(Files.writeString(dir.resolve("readme-" + i + ".yaml"), blocks.get(i)));
        }
        ManifestSet manifests = new ManifestReader().read(files);
        assertThat(manifests.problems()).isEmpty();
        List<EvaluatedResource> evaluated = new ManifestEvaluator().evaluate(manifests);
        assertThat(evaluated).extracting(EvaluatedResource::kind).contains("AlibabaCloudAccount",
                "CrossAccountDtsGrant", "DmsRegistrationRole", "DmsAccessRole");
        assertThat(evaluated).allSatisfy(r -> assertThat(r.errors()).as(r.displayName()).isEmpty());
    }

    @Test
    void theOperatorsPolicyHasExactlyTheRamActionsTheGatewayCalls() throws IOException {
        String policyJson = blocks("json").get(0);
        Set<String> allowed = new TreeSet<>(PolicyDocument.parse(policyJson).statements().get(0).actions());
        Matcher request = Pattern.compile("new (\\w+)Request\\(")
                .matcher(Files.readString(Path.of("src/main/java/io/ramgrants/ram/SdkRamGateway.java")));
        Set<String> called = new TreeSet<>();
        while (request.find()) {
            called.add("ram:" + request.group(1));
        }
        assertThat(called).hasSizeGreaterThanOrEqualTo(15);
        assertThat(allowed).isEqualTo(called);
    }

    @Test
    void listsEveryConditionReason() throws IOException {
        String readme = readme();
        List<String> grantReasons = Arrays.stream(GrantReasons.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(ReadmeTest::value).toList();
        assertThat(grantReasons).isNotEmpty().allSatisfy(reason -> assertThat(readme).contains("`" + reason + "`"));
        assertThat(AccountReason.values()).allSatisfy(reason -> assertThat(readme).contains("`" + reason.name() + "`"));
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> blocks(String language) throws IOException {
        Matcher fenced = FENCED.matcher(readme());
        List<String> blocks = new ArrayList<>();
        while (fenced.find()) {
            if (fenced.group(1).equals(language)) {
                blocks.add(fenced.group(2));
            }
        }
        return blocks;
    }

    private static String readme() throws IOException {
        return Files.readString(README);
    }
}
