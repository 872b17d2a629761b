package io.dinplatform.core.data.builders;

import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.RowError;
import io.dinplatform.core.data.csv.TextLimit;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an interaction log ({@code u.data} of MovieLens, or any delimited user/item/timestamp[/rating] file). Errors
 * name the line (counted from 1, the header included) and the field: {@code user}, {@code item}, {@code timestamp},
 * {@code rating}.
 */
public final class InteractionLogReader {

    private InteractionLogReader() {
    }

    /** Every interaction in file order; the stream (possibly gzipped) is not closed. */
    public static List<Interaction> read(InputStream in, InteractionFormat format) throws IOException {
        return read(in, format, TextLimit.NONE);
    }

    /** Every interaction in file order, refusing a file whose text is longer than {@code limit}. */
    public static List<Interaction> read(InputStream in, InteractionFormat format, TextLimit limit)
            throws IOException {
        List<Interaction> interactions = new ArrayList<>();
        DelimitedLines.LineHandler collect = (line, fields, errors) -> {
            Interaction interaction = parse(line, fields, format, errors);
            if (interaction != null) {
                interactions.add(interaction);
            }
        };
        DelimitedLines.read(in, format.charset(), limit, format.delimiter(), format.header(), collect);
        if (interactions.isEmpty()) {
            throw DataFormatException.of(0, null, "the interaction log has no events");
        }
        return interactions;
    }

    private static Interaction parse(long line, String[] fields, InteractionFormat format, List<RowError> errors) {
        if (fields.length < format.minimumFields()) {
            errors.add(new RowError(line, null, "has " + fields.length + " fields, expected at least "
                    + format.minimumFields() + " separated by '" + (format.delimiter() == '\t' ? "\\t"
                    : String.valueOf(format.delimiter())) + "'"));
            return null;
        }
        int before = errors.size();
        String user = nonEmpty(line, "user", fields[format.userColumn()], errors);
        String item = nonEmpty(line, "item", fields[format.itemColumn()], errors);
        long timestamp = timestamp(line, fields[format.timestampColumn()], errors);
        double rating = format.ratingColumn() < 0 ? Double.NaN : rating(line, fields[format.ratingColumn()], errors);
        return errors.size() == before ? new Interaction(line, user, item, timestamp, rating) : null;
    }

    private static String nonEmpty(long line, String field, String value, List<RowError> errors) {
        if (value.isEmpty()) {
            errors.add(new RowError(line, field, "the " + field + " id is empty"));
        }
        return value;
    }

    private static long timestamp(long line, String value, List<RowError> errors) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notAnInteger) {
            try {
                return Instant.parse(value).getEpochSecond();
            } catch (DateTimeParseException notAnInstant) {
                errors.add(new RowError(line, "timestamp", "expected an integer or an ISO-8601 instant, got '"
                        + value + "'"));
                return 0;
            }
        }
    }

    private static double rating(long line, String value, List<RowError> errors) {
        try {
            double rating = Double.parseDouble(value);
            if (Double.isFinite(rating)) {
                return rating;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new RowError(line, "rating", "expected a number, got '" + value + "'"));
        return Double.NaN;
    }
}
