package io.dinplatform.core.schema;

/** How a column of the samples file enters the model. */
public enum FeatureKind {
    /** One id per row (one-hot): user, candidate goods, shop, category, context. */
    CATEGORICAL,
    /** The user's behaviour history of one attribute (multi-hot), newest last, paired with a categorical target. */
    SEQUENCE,
    /** A real number fed straight into the MLP. */
    NUMERIC
}
