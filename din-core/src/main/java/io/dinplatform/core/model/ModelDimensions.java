package io.dinplatform.core.model;

/**
 * The widths of a model's embedded inputs, fixed by the schema and the embedding dimension.
 *
 * @param profileWidth P: the profile and context embeddings concatenated (0 when there are none)
 * @param itemWidth    D: an item's vector, the concatenated embeddings of the sequence targets
 * @param numericWidth N: the numeric features (0 when there are none)
 */
public record ModelDimensions(int profileWidth, int itemWidth, int numericWidth) {

    public ModelDimensions {
        if (profileWidth < 0 || itemWidth <= 0 || numericWidth < 0) {
            throw new IllegalArgumentException("invalid model dimensions: profile " + profileWidth + ", item "
                    + itemWidth + ", numeric " + numericWidth + " (an item needs at least one embedding)");
        }
    }
}
