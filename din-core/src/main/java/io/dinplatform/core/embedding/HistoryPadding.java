package io.dinplatform.core.embedding;

/**
 * How long a mini-batch's history axis T is.
 *
 * <p>Training and serving pad to the longest history in the batch (capped at the schema's {@code maxLength}), so a
 * batch of short histories costs little; benchmarks pad to a fixed length so that every step does the same work.
 * Either way a history longer than T keeps its newest T items, and the padded positions hold index
 * {@link io.dinplatform.core.data.Vocabulary#PADDING} with mask 0.
 *
 * @param mode   which rule applies
 * @param length the cap ({@link Mode#LONGEST_IN_BATCH}) or the exact length ({@link Mode#FIXED})
 */
public record HistoryPadding(Mode mode, int length) {

    public enum Mode {
        /** T = the longest history in the batch, at most {@code length}. */
        LONGEST_IN_BATCH,
        /** T = {@code length} for every batch. */
        FIXED
    }

    public HistoryPadding {
        if (mode == null) {
            throw new IllegalArgumentException("history padding mode is required");
        }
        if (length < 0) {
            throw new IllegalArgumentException("history length must not be negative, got " + length);
        }
    }

    public static HistoryPadding longestInBatch(int maxLength) {
        return new HistoryPadding(Mode.LONGEST_IN_BATCH, maxLength);
    }

    public static HistoryPadding fixed(int length) {
        return new HistoryPadding(Mode.FIXED, length);
    }

    /** The T of a batch whose longest history has {@code longest} items. */
    public int lengthFor(int longest) {
        return mode == Mode.FIXED ? length : Math.min(longest, length);
    }
}
