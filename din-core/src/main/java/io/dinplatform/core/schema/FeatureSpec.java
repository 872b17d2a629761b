package io.dinplatform.core.schema;

/**
 * One feature of a {@link FeatureSchema}.
 *
 * @param name      the CSV column
 * @param kind      how it enters the model
 * @param target    for a {@link FeatureKind#SEQUENCE}: the categorical feature whose embedding table it shares
 *                  ({@code hist_item_id} targets {@code item_id}); null otherwise
 * @param maxLength for a sequence: how many of the newest items are kept; null otherwise
 * @param minCount  for a categorical feature: ids seen in fewer training samples map to the unknown index
 *                  (the paper's frequency filter); null means 1 (keep every id seen in training)
 * @param idDropout for a categorical feature: the probability that a training sample's id is replaced by the unknown
 *                  index, which trains the unknown row for ids the training split never holds (0 to below 1); null
 *                  means the default of {@code IdDropout} (core.train), which a run's {@code training.idDropout}
 *                  overrides
 */
public record FeatureSpec(String name, FeatureKind kind, String target, Integer maxLength, Integer minCount,
                          Float idDropout) {

    /** A feature without an id dropout of its own (the default applies). */
    public FeatureSpec(String name, FeatureKind kind, String target, Integer maxLength, Integer minCount) {
        this(name, kind, target, maxLength, minCount, null);
    }

    public static FeatureSpec categorical(String name) {
        return new FeatureSpec(name, FeatureKind.CATEGORICAL, null, null, null);
    }

    public static FeatureSpec sequence(String name, String target, int maxLength) {
        return new FeatureSpec(name, FeatureKind.SEQUENCE, target, maxLength, null);
    }

    public static FeatureSpec numeric(String name) {
        return new FeatureSpec(name, FeatureKind.NUMERIC, null, null, null);
    }

    public int effectiveMinCount() {
        return minCount == null ? 1 : minCount;
    }
}
