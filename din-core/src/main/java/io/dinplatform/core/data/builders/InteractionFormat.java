package io.dinplatform.core.data.builders;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How an interaction log is laid out: a delimiter-separated text file, one event per line.
 *
 * @param delimiter       the field separator
 * @param header          whether the first line names the columns (and is skipped)
 * @param charset         the text encoding
 * @param userColumn      the position of the user id, from 0
 * @param itemColumn      the position of the item id
 * @param timestampColumn the position of the timestamp: an integer (e.g. epoch seconds) or an ISO-8601 instant
 * @param ratingColumn    the position of the rating, or -1 when the log has none
 */
public record InteractionFormat(char delimiter, boolean header, Charset charset, int userColumn, int itemColumn,
                                int timestampColumn, int ratingColumn) {

    /** MovieLens {@code u.data}: {@code user \t item \t rating \t timestamp}, no header. */
    public static final InteractionFormat MOVIELENS =
            new InteractionFormat('\t', false, StandardCharsets.UTF_8, 0, 1, 3, 2);

    /** A CSV with a header and columns {@code user,item,timestamp[,rating]}. */
    public static InteractionFormat csv(boolean withRating) {
        return new InteractionFormat(',', true, StandardCharsets.UTF_8, 0, 1, 2, withRating ? 3 : -1);
    }

    /** The number of fields every line must have at least. */
    int minimumFields() {
        return Math.max(Math.max(userColumn, itemColumn), Math.max(timestampColumn, ratingColumn)) + 1;
    }
}
