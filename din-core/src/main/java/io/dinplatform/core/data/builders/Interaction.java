package io.dinplatform.core.data.builders;

/**
 * One event of a raw interaction log.
 *
 * @param line      the line of the log it came from (for error messages)
 * @param user      the user's raw id
 * @param item      the item's raw id
 * @param timestamp when it happened; only the order matters (epoch seconds for MovieLens)
 * @param rating    the explicit rating, or {@link Double#NaN} when the log has none
 */
public record Interaction(long line, String user, String item, long timestamp, double rating) {

    public boolean hasRating() {
        return !Double.isNaN(rating);
    }
}
