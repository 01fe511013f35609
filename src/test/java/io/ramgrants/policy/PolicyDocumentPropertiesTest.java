package io.ramgrants.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Semantic equality of policy documents, for any document: the ways RAM re-serialises a
 * document never make it differ, and a real change always does.
 */
class PolicyDocumentPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A statement as plain data, rendered to JSON in many equivalent spellings. */
    record StatementSpec(String effect, List<String> actions, List<String> resources, List<String> ram,
            List<String> services) {}

    @Provide
    Arbitrary<List<StatementSpec>> documents() {
        Arbitrary<String> action = Arbitraries.of("ecs", "rds", "kvstore", "vpc", "sts")
                .flatMap(service -> Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8)
                        .map(verb -> service + ":" + verb));
        Arbitrary<String> account = Arbitraries.strings().numeric().ofLength(16);
        Arbitrary<StatementSpec> statement = Combinators.combine(
                Arbitraries.of(Statement.ALLOW, Statement.DENY),
                action.list().ofMinSize(1).ofMaxSize(5),
                Arbitraries.of("*", "acs:rds:*:*:dbinstance/*", "acs:vpc:*:*:vpc/*").list().ofMaxSize(2),
                account.map(id -> "acs:ram::" + id + ":root").list().ofMaxSize(3),
                account.map(id -> id + "@dts.aliyuncs.com").list().ofMaxSize(2))
                .as(StatementSpec::new);
        return statement.list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 100)
    void reSerialisationNeverMakesADifference(@ForAll("documents") List<StatementSpec> spec,
            @ForAll long seedA, @ForAll long seedB) {
        String a = render(spec, new Random(seedA));
        String b = render(spec, new Random(seedB));

        assertThat(PolicyDocument.parse(a)).as("%s%nvs%n%s", a, b).isEqualTo(PolicyDocument.parse(b));
        assertThat(PolicyDocument.parse(a).hashCode()).isEqualTo(PolicyDocument.parse(b).hashCode());
    }

    @Property(tries = 100)
    void parsingTheCompactFormGivesTheSameDocument(@ForAll("documents") List<StatementSpec> spec, @ForAll long seed) {
        PolicyDocument document = PolicyDocument.parse(render(spec, new Random(seed)));

        assertThat(PolicyDocument.parse(document.toJson())).isEqualTo(document);
        assertThat(PolicyDocument.parse(document.toJson()).toJson()).isEqualTo(document.toJson());
    }

    @Property(tries = 100)
    void anExtraActionAlwaysDiffers(@ForAll("documents") List<StatementSpec> spec, @ForAll long seed,
            @ForAll("statementIndex") int index) {
        int i = index % spec.size();
        List<StatementSpec> changed = new ArrayList<>(spec);
        StatementSpec s = spec.get(i);
        List<String> actions = new ArrayList<>(s.actions());
        actions.add("ram:NeverGenerated");
        changed.set(i, new StatementSpec(s.effect(), actions, s.resources(), s.ram(), s.services()));

        assertDiffers(spec, changed, seed);
    }

    @Property(tries = 100)
    void anotherPrincipalAlwaysDiffers(@ForAll("documents") List<StatementSpec> spec, @ForAll long seed,
            @ForAll("statementIndex") int index) {
        int i = index % spec.size();
        List<StatementSpec> changed = new ArrayList<>(spec);
        StatementSpec s = spec.get(i);
        List<String> ram = new ArrayList<>(s.ram());
        if (ram.isEmpty()) {
            ram.add("acs:ram::0000000000000000:root-added");
        } else {
            ram.set(0, "acs:ram::0000000000000000:root-changed");
        }
        changed.set(i, new StatementSpec(s.effect(), s.actions(), s.resources(), ram, s.services()));

        assertDiffers(spec, changed, seed);
    }

    @Property(tries = 100)
    void flippingTheEffectAlwaysDiffers(@ForAll("documents") List<StatementSpec> spec, @ForAll long seed,
            @ForAll("statementIndex") int index) {
        StatementSpec s = spec.get(index % spec.size());
        String flipped = Statement.ALLOW.equals(s.effect()) ? Statement.DENY : Statement.ALLOW;
        // Every copy flips: a repeated statement left unflipped would still grant the same.
        List<StatementSpec> changed = spec.stream()
                .map(t -> t.equals(s) ? new StatementSpec(flipped, s.actions(), s.resources(), s.ram(), s.services()) : t)
                .toList();

        assertDiffers(spec, changed, seed);
    }

    @Provide
    Arbitrary<Integer> statementIndex() {
        return Arbitraries.integers().between(0, 3);
    }

    private static void assertDiffers(List<StatementSpec> original, List<StatementSpec> changed, long seed) {
        String a = render(original, new Random(seed));
        String b = render(changed, new Random(seed + 1));
        assertThat(PolicyDocument.parse(a)).as("%s%nvs%n%s", a, b).isNotEqualTo(PolicyDocument.parse(b));
    }

    /** One of the many spellings RAM might return: key order, list order, scalar vs list, Version, whitespace. */
    private static String render(List<StatementSpec> spec, Random random) {
        List<JsonNode> statements = new ArrayList<>();
        for (StatementSpec s : spec) {
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            fields.put("Effect", NODES.textNode(s.effect()));
            fields.put("Action", stringOrList(s.actions(), random));
            if (!s.resources().isEmpty()) {
                fields.put("Resource", stringOrList(s.resources(), random));
            }
            Map<String, JsonNode> principal = new LinkedHashMap<>();
            if (!s.ram().isEmpty()) {
                principal.put("RAM", stringOrList(s.ram(), random));
            }
            if (!s.services().isEmpty()) {
                principal.put("Service", stringOrList(s.services(), random));
            }
            if (!principal.isEmpty()) {
                fields.put("Principal", object(principal, random));
            }
            statements.add(object(fields, random));
        }
        Collections.shuffle(statements, random);
        Map<String, JsonNode> root = new LinkedHashMap<>();
        root.put("Statement", statements.size() == 1 && random.nextBoolean()
                ? statements.get(0) : NODES.arrayNode().addAll(statements));
        if (random.nextBoolean()) {
            root.put("Version", NODES.textNode("1"));
        }
        return write(object(root, random), random);
    }

    private static JsonNode stringOrList(List<String> values, Random random) {
        List<String> shuffled = new ArrayList<>(values);
        Collections.shuffle(shuffled, random);
        if (shuffled.size() == 1 && random.nextBoolean()) {
            return NODES.textNode(shuffled.get(0));
        }
        ArrayNode array = NODES.arrayNode();
        shuffled.forEach(array::add);
        if (!shuffled.isEmpty() && random.nextInt(4) == 0) {
            array.add(shuffled.get(0)); // a repeat
        }
        return array;
    }

    private static ObjectNode object(Map<String, JsonNode> fields, Random random) {
        List<String> keys = new ArrayList<>(fields.keySet());
        Collections.shuffle(keys, random);
        ObjectNode node = NODES.objectNode();
        keys.forEach(k -> node.set(k, fields.get(k)));
        return node;
    }

    private static String write(JsonNode node, Random random) {
        try {
            return switch (random.nextInt(3)) {
                case 0 -> JSON.writeValueAsString(node);
                case 1 -> JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
                default -> JSON.writer(new DefaultPrettyPrinter()
                                .withObjectIndenter(new DefaultIndenter("\t", "\r\n"))
                                .withArrayIndenter(new DefaultIndenter("   ", "\n")))
                        .writeValueAsString(node);
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
