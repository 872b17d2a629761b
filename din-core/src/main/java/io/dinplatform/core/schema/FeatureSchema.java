package io.dinplatform.core.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The columns of a samples file and how each one enters the model (docs/architecture.md, 'The samples format and
 * the schema').
 *
 * <p>All {@link FeatureKind#SEQUENCE} features together form the user's behaviour history: they are aligned (the
 * j-th entry of {@code hist_item_id} and of {@code hist_cate_id} describe the same past event), so every row holds
 * sequences of equal length and every sequence has the same {@code maxLength}. An item's vector is the
 * concatenation of the embeddings of the sequence targets, for the candidate and for every history item alike.
 *
 * @param label             the binary label column (0/1)
 * @param group             the column whose values group impressions for GAUC; null means the first categorical
 *                          feature (by convention the user id)
 * @param split             an optional column holding train/valid/test; null means the platform splits by group
 * @param sequenceDelimiter the separator of values inside a sequence cell; null means {@code |}
 * @param features          the model's inputs, in a stable order
 */
public record FeatureSchema(String label, String group, String split, String sequenceDelimiter,
                            List<FeatureSpec> features) {

    public static final String DEFAULT_SEQUENCE_DELIMITER = "|";

    public FeatureSchema {
        features = features == null ? List.of() : List.copyOf(features);
    }

    public String effectiveSequenceDelimiter() {
        return sequenceDelimiter == null || sequenceDelimiter.isEmpty() ? DEFAULT_SEQUENCE_DELIMITER : sequenceDelimiter;
    }

    /** The in-cell separator of sequence values as a character (the validator allows exactly one). */
    public char sequenceDelimiterChar() {
        return effectiveSequenceDelimiter().charAt(0);
    }

    /** The group column for GAUC: the declared one, else the first categorical feature. */
    public String effectiveGroup() {
        if (group != null && !group.isBlank()) {
            return group;
        }
        return categorical().stream().findFirst().map(FeatureSpec::name).orElse(null);
    }

    public Optional<FeatureSpec> feature(String name) {
        return features.stream().filter(f -> Objects.equals(f.name(), name)).findFirst();
    }

    public List<FeatureSpec> categorical() {
        return ofKind(FeatureKind.CATEGORICAL);
    }

    public List<FeatureSpec> sequences() {
        return ofKind(FeatureKind.SEQUENCE);
    }

    public List<FeatureSpec> numeric() {
        return ofKind(FeatureKind.NUMERIC);
    }

    /** The categorical features that some sequence targets: together they form the candidate item's vector. */
    public List<FeatureSpec> sequenceTargets() {
        return sequences().stream().map(s -> feature(s.target()).orElseThrow()).toList();
    }

    /** Categorical features that no sequence targets: the user profile and the context. */
    public List<FeatureSpec> profileAndContext() {
        List<String> targets = sequences().stream().map(FeatureSpec::target).toList();
        return categorical().stream().filter(f -> !targets.contains(f.name())).toList();
    }

    /** The history length every sequence is cut to (0 when the schema has no sequence). */
    public int maxHistoryLength() {
        return sequences().stream().mapToInt(FeatureSpec::maxLength).max().orElse(0);
    }

    private List<FeatureSpec> ofKind(FeatureKind kind) {
        return features.stream().filter(f -> f.kind() == kind).toList();
    }
}
