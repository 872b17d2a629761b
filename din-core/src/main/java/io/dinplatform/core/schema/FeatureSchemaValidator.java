package io.dinplatform.core.schema;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The rules a {@link FeatureSchema} must follow before data is read with it. Every rule is checked and every
 * violation reported, each message naming the field it concerns.
 */
public final class FeatureSchemaValidator {

    /** The longest behaviour history a sequence may keep. */
    public static final int MAX_SEQUENCE_LENGTH = 1000;

    /** Characters that cannot separate values inside a CSV cell without quoting or that end a line. */
    private static final String FORBIDDEN_DELIMITERS = ",\"\r\n";

    private FeatureSchemaValidator() {
    }

    /** Throws {@link InvalidSchemaException} listing every problem, or returns the schema unchanged. */
    public static FeatureSchema validate(FeatureSchema schema) {
        SchemaProblems problems = new SchemaProblems();
        check(schema, problems);
        problems.throwIfAny();
        return schema;
    }

    /** Every rule the schema breaks; empty when it is valid. */
    public static List<SchemaProblem> problems(FeatureSchema schema) {
        SchemaProblems problems = new SchemaProblems();
        check(schema, problems);
        return problems.list();
    }

    static void check(FeatureSchema schema, SchemaProblems problems) {
        checkFeatures(schema.features(), problems);
        checkSequences(schema, problems);
        checkSpecialColumns(schema, problems);
        checkDelimiter(schema.sequenceDelimiter(), problems);
    }

    private static void checkFeatures(List<FeatureSpec> features, SchemaProblems problems) {
        if (features.isEmpty()) {
            problems.add("features", "at least one feature is required");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < features.size(); i++) {
            FeatureSpec feature = features.get(i);
            String at = "features[" + i + "]";
            if (isBlank(feature.name())) {
                problems.add(at + ".name", "required");
            } else if (!seen.add(feature.name())) {
                problems.add(at + ".name", "duplicate feature name '" + feature.name() + "'");
            }
            if (feature.kind() == null) {
                problems.add(at + ".kind", "required (one of CATEGORICAL, SEQUENCE, NUMERIC)");
                continue;
            }
            checkKindSpecificFields(feature, at, problems);
        }
    }

    private static void checkKindSpecificFields(FeatureSpec feature, String at, SchemaProblems problems) {
        if (feature.kind() == FeatureKind.SEQUENCE) {
            if (feature.maxLength() == null) {
                problems.add(at + ".maxLength", "required for a SEQUENCE (1.." + MAX_SEQUENCE_LENGTH + ")");
            } else if (feature.maxLength() < 1 || feature.maxLength() > MAX_SEQUENCE_LENGTH) {
                problems.add(at + ".maxLength", "must be between 1 and " + MAX_SEQUENCE_LENGTH + ", got "
                        + feature.maxLength());
            }
            if (isBlank(feature.target())) {
                problems.add(at + ".target",
                        "required for a SEQUENCE (the CATEGORICAL feature whose embedding it shares)");
            }
            if (feature.minCount() != null) {
                problems.add(at + ".minCount",
                        "a SEQUENCE uses the vocabulary of its target; set minCount on the target");
            }
            if (feature.idDropout() != null) {
                problems.add(at + ".idDropout", "a SEQUENCE uses the vocabulary of its target; set idDropout on the "
                        + "target");
            }
            return;
        }
        if (feature.target() != null) {
            problems.add(at + ".target", "only a SEQUENCE has a target, this feature is " + feature.kind());
        }
        if (feature.maxLength() != null) {
            problems.add(at + ".maxLength", "only a SEQUENCE has a maxLength, this feature is " + feature.kind());
        }
        if (feature.minCount() != null) {
            if (feature.kind() != FeatureKind.CATEGORICAL) {
                problems.add(at + ".minCount", "only a CATEGORICAL feature has a minCount, this feature is "
                        + feature.kind());
            } else if (feature.minCount() < 1) {
                problems.add(at + ".minCount", "must be at least 1, got " + feature.minCount());
            }
        }
        if (feature.idDropout() != null) {
            if (feature.kind() != FeatureKind.CATEGORICAL) {
                problems.add(at + ".idDropout", "only a CATEGORICAL feature has an id dropout, this feature is "
                        + feature.kind());
            } else if (!(feature.idDropout() >= 0f && feature.idDropout() < 1f)) {
                problems.add(at + ".idDropout", "must be at least 0 and below 1, got " + feature.idDropout());
            }
        }
    }

    private static void checkSequences(FeatureSchema schema, SchemaProblems problems) {
        Map<String, FeatureKind> kinds = new HashMap<>();
        schema.features().stream().filter(f -> f.name() != null && f.kind() != null)
                .forEach(f -> kinds.putIfAbsent(f.name(), f.kind()));
        Map<String, String> sequenceByTarget = new HashMap<>();
        for (FeatureSpec sequence : schema.sequences()) {
            String target = sequence.target();
            if (isBlank(target)) {
                continue;
            }
            String at = "features[" + schema.features().indexOf(sequence) + "].target";
            FeatureKind targetKind = kinds.get(target);
            if (targetKind == null) {
                problems.add(at, "'" + target + "' is not a feature of the schema");
            } else if (targetKind != FeatureKind.CATEGORICAL) {
                problems.add(at, "'" + target + "' must be a CATEGORICAL feature, it is " + targetKind);
            }
            String other = sequenceByTarget.putIfAbsent(target, sequence.name());
            if (other != null) {
                problems.add(at, "'" + target + "' is already the target of sequence '" + other + "'");
            }
        }
        Map<Integer, List<String>> namesByLength = schema.sequences().stream()
                .filter(s -> s.maxLength() != null)
                .collect(Collectors.groupingBy(FeatureSpec::maxLength, TreeMap::new,
                        Collectors.mapping(FeatureSpec::name, Collectors.toList())));
        if (namesByLength.size() > 1) {
            problems.add("features", "all SEQUENCE features form one aligned history and need the same maxLength, got "
                    + namesByLength);
        }
    }

    private static void checkSpecialColumns(FeatureSchema schema, SchemaProblems problems) {
        Set<String> featureNames = schema.features().stream().map(FeatureSpec::name)
                .filter(Objects::nonNull).collect(Collectors.toSet());
        String label = schema.label();
        if (isBlank(label)) {
            problems.add("label", "required (the binary 0/1 column)");
        } else if (featureNames.contains(label)) {
            problems.add("label", "'" + label + "' is also a feature; the label must not be an input");
        }
        String split = schema.split();
        if (split != null) {
            if (split.isBlank()) {
                problems.add("split", "must name a column or be left out");
            } else if (featureNames.contains(split)) {
                problems.add("split", "'" + split + "' is also a feature");
            } else if (split.equals(label)) {
                problems.add("split", "'" + split + "' is also the label");
            }
        }
        String group = schema.group();
        if (group != null) {
            if (group.isBlank()) {
                problems.add("group", "must name a column or be left out (default: the first categorical feature)");
            } else if (group.equals(label)) {
                problems.add("group", "'" + group + "' is also the label");
            } else if (group.equals(split)) {
                problems.add("group", "'" + group + "' is also the split column");
            } else if (schema.feature(group).filter(f -> f.kind() != FeatureKind.CATEGORICAL).isPresent()) {
                problems.add("group", "'" + group + "' must be a CATEGORICAL feature or a column outside the features");
            }
        } else if (schema.categorical().isEmpty()) {
            problems.add("group", "required when the schema has no CATEGORICAL feature to default to");
        }
    }

    private static void checkDelimiter(String delimiter, SchemaProblems problems) {
        if (delimiter == null) {
            return;
        }
        if (delimiter.length() != 1) {
            problems.add("sequenceDelimiter", "must be exactly one character, got '" + delimiter + "'");
        } else if (FORBIDDEN_DELIMITERS.contains(delimiter)) {
            problems.add("sequenceDelimiter", "'" + delimiter.replace("\n", "\\n").replace("\r", "\\r")
                    + "' cannot separate values inside a CSV cell; use | or ^");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
