package io.ramgrants.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles a CRD rule the way the API server does: {@code self} has the type of the schema node
 * the rule sits on (objects with properties become struct types, so a misspelt field fails to
 * type-check), the result must be a bool, the standard macros ({@code has}, {@code all}, ...)
 * are on. Of Kubernetes' extension libraries the ones cel-java ships are added (strings, sets,
 * optional types, two-variable comprehensions); Kubernetes' own (lists, regex, url, quantity,
 * ip, cidr, format, semver, authz) are not in cel-java: a rule using them fails to compile here,
 * which the tests would show. Transition rules ({@code oldSelf}) are not supported: no rule has one
 * (CelRulesTest checks).
 */
final class CelRuleCompiler {
    /** CEL's reserved words; Kubernetes escapes property names that are one of them as {@code __word__}. */
    private static final Set<String> RESERVED = Set.of("as", "break", "const", "continue", "else", "false", "for",
            "function", "if", "import", "in", "let", "loop", "package", "namespace", "null", "return", "true", "var",
            "void", "while");

    private CelRuleCompiler() {}

    /** A rule ready to run. */
    record CompiledRule(CrdSchemas.Rule rule, CelAbstractSyntaxTree ast, CelRuntime.Program program) {
        /**
         * @param self the node's value as plain JSON-like Java (Map, List, String, Long, Double, Boolean)
         */
        boolean accepts(Object self) {
            try {
                return (Boolean) program.eval(Map.of("self", celValue(self)));
            } catch (CelEvaluationException e) {
                // The API server reports an evaluation error as a failed rule.
                return false;
            }
        }
    }

    static CompiledRule compile(CrdSchemas.Rule rule) throws CelValidationException {
        Map<String, CelType> structs = new LinkedHashMap<>();
        CelType self = typeOf(rule.node(), "k8s." + rule.kind() + "." + (rule.schemaPath().isEmpty() ? "root"
                : rule.schemaPath().replace("[]", "@items")), structs);
        CelOptions options = CelOptions.current().build();
        Cel cel = CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setTypeProvider(new SchemaTypes(structs))
                .addVar("self", self)
                .addCompilerLibraries(CelExtensions.strings(), CelExtensions.sets(options), CelExtensions.optional(),
                        CelExtensions.comprehensions())
                .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.sets(options), CelExtensions.optional(),
                        CelExtensions.comprehensions())
                .setResultType(SimpleType.BOOL)
                .build();
        CelAbstractSyntaxTree ast = cel.compile(rule.rule()).getAst();
        try {
            return new CompiledRule(rule, ast, cel.createProgram(ast));
        } catch (CelEvaluationException e) {
            throw new IllegalStateException("cannot plan " + rule, e);
        }
    }

    /** The CEL type Kubernetes gives a value of this schema (apiextensions' model.SchemaDeclType). */
    static CelType typeOf(JsonNode schema, String name, Map<String, CelType> structs) {
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                || schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return SimpleType.DYN;
        }
        switch (schema.path("type").asText()) {
            case "object" -> {
                if (schema.has("properties")) {
                    Map<String, CelType> fields = new LinkedHashMap<>();
                    StructType struct = StructType.create(name, ImmutableSet.copyOf(escapedNames(schema)),
                            field -> Optional.ofNullable(fields.get(field)));
                    structs.put(name, struct);
                    for (Iterator<Map.Entry<String, JsonNode>> it = schema.get("properties").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> property = it.next();
                        fields.put(escape(property.getKey()),
                                typeOf(property.getValue(), name + "." + property.getKey(), structs));
                    }
                    return struct;
                }
                JsonNode values = schema.path("additionalProperties");
                return MapType.create(SimpleType.STRING,
                        values.isObject() ? typeOf(values, name + "@values", structs) : SimpleType.DYN);
            }
            case "array" -> {
                return ListType.create(typeOf(schema.path("items"), name + "@items", structs));
            }
            case "string" -> {
                return switch (schema.path("format").asText()) {
                    case "date-time" -> SimpleType.TIMESTAMP;
                    case "duration" -> SimpleType.DURATION;
                    case "byte" -> SimpleType.BYTES;
                    default -> SimpleType.STRING;
                };
            }
            case "integer" -> {
                return SimpleType.INT;
            }
            case "number" -> {
                return SimpleType.DOUBLE;
            }
            case "boolean" -> {
                return SimpleType.BOOL;
            }
            default -> throw new IllegalArgumentException("schema " + name + " has no type Kubernetes knows: " + schema);
        }
    }

    private static List<String> escapedNames(JsonNode schema) {
        List<String> names = new ArrayList<>();
        schema.get("properties").fieldNames().forEachRemaining(n -> names.add(escape(n)));
        return names;
    }

    /** Kubernetes' property name escaping for CEL (apiextensions' cel.Escape). */
    static String escape(String property) {
        if (RESERVED.contains(property)) {
            return "__" + property + "__";
        }
        return property.replace("__", "__underscores__").replace(".", "__dot__").replace("-", "__dash__")
                .replace("/", "__slash__");
    }

    /** JSON-like Java to what the CEL runtime takes: object keys escaped, integers as long. */
    static Object celValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> escaped = new LinkedHashMap<>();
            map.forEach((k, v) -> escaped.put(escape((String) k), celValue(v)));
            return escaped;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CelRuleCompiler::celValue).toList();
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        return value;
    }

    /** The struct types of one rule's {@code self}. */
    private record SchemaTypes(Map<String, CelType> structs) implements CelTypeProvider {
        @Override
        public ImmutableCollection<CelType> types() {
            return ImmutableList.copyOf(structs.values());
        }

        @Override
        public Optional<CelType> findType(String typeName) {
            return Optional.ofNullable(structs.get(typeName));
        }
    }
}
