package io.dinplatform.core.data.synthetic;

import io.dinplatform.core.schema.FeatureSchemaValidator;

/**
 * Parameters of the synthetic multi-interest data.
 *
 * @param users            users
 * @param items            items, spread evenly over the categories
 * @param categories       categories
 * @param interestsPerUser distinct categories each user is interested in (fewer than {@code categories})
 * @param historyLength    the longest history (and the schema's maxLength); each user's history has between half
 *                         of it and all of it
 * @param samplesPerUser   impressions per user
 * @param labelNoise       the probability that a label is flipped, in [0, 0.5)
 * @param seed             the same seed gives the same bytes
 */
public record SyntheticConfig(int users, int items, int categories, int interestsPerUser, int historyLength,
                              int samplesPerUser, double labelNoise, long seed) {

    public SyntheticConfig {
        require(users >= 1, "users must be at least 1");
        require(categories >= 2, "categories must be at least 2");
        require(items >= categories, "items must be at least categories, so every category has an item");
        require(interestsPerUser >= 1 && interestsPerUser < categories,
                "interestsPerUser must be at least 1 and fewer than categories");
        require(historyLength >= 1 && historyLength <= FeatureSchemaValidator.MAX_SEQUENCE_LENGTH,
                "historyLength must be between 1 and " + FeatureSchemaValidator.MAX_SEQUENCE_LENGTH);
        require(samplesPerUser >= 1, "samplesPerUser must be at least 1");
        require(labelNoise >= 0 && labelNoise < 0.5, "labelNoise must be in [0, 0.5)");
    }

    /**
     * 2,000 users, 1,000 items in 50 categories, 3 interests each, histories of 10 to 20, 10 impressions per user,
     * 10 % label noise: about 20,000 rows, where a model that matches candidate and history wins clearly.
     */
    public static SyntheticConfig defaults() {
        return new SyntheticConfig(2000, 1000, 50, 3, 20, 10, 0.1, 7);
    }

    public SyntheticConfig withSeed(long newSeed) {
        return new SyntheticConfig(users, items, categories, interestsPerUser, historyLength, samplesPerUser,
                labelNoise, newSeed);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
