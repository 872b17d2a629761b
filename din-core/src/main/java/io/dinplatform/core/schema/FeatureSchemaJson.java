package io.dinplatform.core.schema;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of a {@link FeatureSchema} (docs/architecture.md, 'The samples format and the schema'), read and
 * written.
 *
 * <p>Reading walks the JSON tree by hand instead of binding it, so that it can report every problem at once: an
 * unknown property (a typo such as {@code maxLenght} would otherwise be silently ignored), a wrong type, an unknown
 * kind, and then every rule of {@link FeatureSchemaValidator}.
 */
public final class FeatureSchemaJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Set<String> SCHEMA_PROPERTIES =
            Set.of("label", "group", "split", "sequenceDelimiter", "features");
    private static final Set<String> FEATURE_PROPERTIES = Set.of("name", "kind", "target", "maxLength", "minCount",
            "idDropout");

    private FeatureSchemaJson() {
    }

    /** Parses and validates; throws {@link InvalidSchemaException} listing every problem. */
    public static FeatureSchema parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidSchemaException(
                    List.of(new SchemaProblem("schema", "not valid JSON: " + e.getOriginalMessage())));
        }
        return fromTree(root);
    }

    /** Parses UTF-8 JSON from a stream (not closed) and validates it. */
    public static FeatureSchema parse(InputStream json) throws IOException {
        return parse(new String(json.readAllBytes(), StandardCharsets.UTF_8));
    }

    /** The schema as compact JSON; absent optional fields are left out, so {@code parse(toJson(s))} equals s. */
    public static String toJson(FeatureSchema schema) {
        return MAPPER.writeValueAsString(toTree(schema));
    }

    public static ObjectNode toTree(FeatureSchema schema) {
        ObjectNode root = MAPPER.createObjectNode();
        putIfPresent(root, "label", schema.label());
        putIfPresent(root, "group", schema.group());
        putIfPresent(root, "split", schema.split());
        putIfPresent(root, "sequenceDelimiter", schema.sequenceDelimiter());
        ArrayNode features = root.putArray("features");
        for (FeatureSpec feature : schema.features()) {
            ObjectNode node = features.addObject();
            putIfPresent(node, "name", feature.name());
            putIfPresent(node, "kind", feature.kind() == null ? null : feature.kind().name());
            putIfPresent(node, "target", feature.target());
            if (feature.maxLength() != null) {
                node.put("maxLength", feature.maxLength());
            }
            if (feature.minCount() != null) {
                node.put("minCount", feature.minCount());
            }
            if (feature.idDropout() != null) {
                node.put("idDropout", feature.idDropout());
            }
        }
        return root;
    }

    /** Reads an already parsed JSON tree (for callers that embed the schema in a larger document). */
    public static FeatureSchema fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidSchemaException(List.of(new SchemaProblem("schema", "must be a JSON object")));
        }
        SchemaProblems problems = new SchemaProblems();
        rejectUnknownProperties(root, SCHEMA_PROPERTIES, "schema", problems);
        String label = text(root, "label", "label", problems);
        String group = text(root, "group", "group", problems);
        String split = text(root, "split", "split", problems);
        String delimiter = text(root, "sequenceDelimiter", "sequenceDelimiter", problems);
        List<FeatureSpec> features = features(root.get("features"), problems);
        FeatureSchema schema = new FeatureSchema(label, group, split, delimiter, features);
        FeatureSchemaValidator.check(schema, problems);
        problems.throwIfAny();
        return schema;
    }

    private static List<FeatureSpec> features(JsonNode node, SchemaProblems problems) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add("features", "must be an array of feature objects");
            return List.of();
        }
        List<FeatureSpec> features = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "features[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isObject()) {
                problems.add(at, "must be an object with name and kind");
                continue;
            }
            rejectUnknownProperties(item, FEATURE_PROPERTIES, at, problems);
            features.add(new FeatureSpec(
                    text(item, "name", at + ".name", problems),
                    kind(item, at + ".kind", problems),
                    text(item, "target", at + ".target", problems),
                    integer(item, "maxLength", at + ".maxLength", problems),
                    integer(item, "minCount", at + ".minCount", problems),
                    probability(item, "idDropout", at + ".idDropout", problems)));
        }
        return features;
    }

    private static FeatureKind kind(JsonNode feature, String at, SchemaProblems problems) {
        String kind = text(feature, "kind", at, problems);
        if (kind == null) {
            return null;
        }
        try {
            return FeatureKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(at, "unknown kind '" + kind + "' (one of CATEGORICAL, SEQUENCE, NUMERIC)");
            return null;
        }
    }

    private static void rejectUnknownProperties(JsonNode node, Set<String> known, String at, SchemaProblems problems) {
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            if (!known.contains(property.getKey())) {
                problems.add(at + "." + property.getKey(), "unknown property (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(JsonNode node, String property, String at, SchemaProblems problems) {
        JsonNode value = node.get(property);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            problems.add(at, "must be a string, got " + value);
            return null;
        }
        return value.stringValue();
    }

    private static Integer integer(JsonNode node, String property, String at, SchemaProblems problems) {
        JsonNode value = node.get(property);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problems.add(at, "must be an integer, got " + value);
            return null;
        }
        return value.intValue();
    }

    private static Float probability(JsonNode node, String property, String at, SchemaProblems problems) {
        JsonNode value = node.get(property);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            problems.add(at, "must be a number, got " + value);
            return null;
        }
        return value.floatValue();
    }

    private static void putIfPresent(ObjectNode node, String property, String value) {
        if (value != null) {
            node.put(property, value);
        }
    }
}
