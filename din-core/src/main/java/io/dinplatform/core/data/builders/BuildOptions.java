package io.dinplatform.core.data.builders;

import io.dinplatform.core.schema.FeatureSchemaValidator;

/**
 * Parameters of a build from raw logs.
 *
 * @param protocol        how samples and labels are made
 * @param ratingThreshold RATING_THRESHOLD: a rating at least this high is a click
 * @param maxLength       the number of newest history items kept (and the schema's maxLength)
 * @param seed            drives the split by user and the negative sampling
 * @param validFraction   RATING_THRESHOLD: the share of users in the validation split
 * @param testFraction    RATING_THRESHOLD: the share of users in the test split
 */
public record BuildOptions(BuildProtocol protocol, double ratingThreshold, int maxLength, long seed,
                           double validFraction, double testFraction) {

    public static final double DEFAULT_RATING_THRESHOLD = 4;
    public static final int DEFAULT_MAX_LENGTH = 50;
    public static final long DEFAULT_SEED = 42;

    public BuildOptions {
        if (protocol == null) {
            throw new IllegalArgumentException("protocol: required (RATING_THRESHOLD or NEXT_ITEM)");
        }
        if (maxLength < 1 || maxLength > FeatureSchemaValidator.MAX_SEQUENCE_LENGTH) {
            throw new IllegalArgumentException("maxLength: must be between 1 and "
                    + FeatureSchemaValidator.MAX_SEQUENCE_LENGTH + ", got " + maxLength);
        }
        if (!Double.isFinite(ratingThreshold)) {
            throw new IllegalArgumentException("ratingThreshold: must be a finite number");
        }
        if (!(validFraction >= 0 && testFraction >= 0 && validFraction + testFraction < 1)) {
            throw new IllegalArgumentException("validFraction and testFraction: must be >= 0 and leave users for "
                    + "training, got " + validFraction + " and " + testFraction);
        }
    }

    /** Threshold 4, history 50, seed 42, users split 80/10/10. */
    public static BuildOptions defaults(BuildProtocol protocol) {
        return new BuildOptions(protocol, DEFAULT_RATING_THRESHOLD, DEFAULT_MAX_LENGTH, DEFAULT_SEED, 0.1, 0.1);
    }

    public BuildOptions withSeed(long newSeed) {
        return new BuildOptions(protocol, ratingThreshold, maxLength, newSeed, validFraction, testFraction);
    }

    public BuildOptions withMaxLength(int newMaxLength) {
        return new BuildOptions(protocol, ratingThreshold, newMaxLength, seed, validFraction, testFraction);
    }
}
