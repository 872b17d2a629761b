package io.dinplatform.core.data.builders;

/** How raw interaction logs become labelled samples (docs/architecture.md, 'The samples format and the schema'). */
public enum BuildProtocol {
    /**
     * The paper's MovieLens setup: every rating is a sample, a click when the rating reaches the threshold; the
     * history is the user's strictly earlier interactions; whole users go to train, valid or test.
     */
    RATING_THRESHOLD,
    /**
     * The paper's Amazon setup: each of a user's items after the first is a positive with the earlier items as
     * history, paired with one sampled negative the user never interacted with; the user's last item is test, the
     * second-to-last valid, the rest train.
     */
    NEXT_ITEM
}
