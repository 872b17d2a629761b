package io.dinplatform.core.data;

import java.util.List;

/**
 * An input file that cannot be used, with the problems found (up to {@link #MAX_REPORTED_ERRORS}). Whoever throws it
 * produces no partial result: a dataset is read completely or not at all.
 */
public class DataFormatException extends RuntimeException {

    /** Reading stops after this many row errors: enough to see the pattern, bounded for a huge broken file. */
    public static final int MAX_REPORTED_ERRORS = 100;

    private static final int ERRORS_IN_MESSAGE = 5;

    private final List<RowError> errors;

    public DataFormatException(List<RowError> errors) {
        super(describe(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a data format error needs at least one row error");
        }
        this.errors = List.copyOf(errors);
    }

    public static DataFormatException of(long row, String column, String reason) {
        return new DataFormatException(List.of(new RowError(row, column, reason)));
    }

    /** The problems in file order; at most {@link #MAX_REPORTED_ERRORS}. */
    public List<RowError> errors() {
        return errors;
    }

    /** Whether reading stopped at the error limit, so that more rows may be broken than {@link #errors()} lists. */
    public boolean truncated() {
        return errors.size() >= MAX_REPORTED_ERRORS;
    }

    private static String describe(List<RowError> errors) {
        StringBuilder message = new StringBuilder();
        message.append(errors.size() >= MAX_REPORTED_ERRORS ? "at least " : "")
                .append(errors.size()).append(errors.size() == 1 ? " problem in the data: " : " problems in the data: ");
        errors.stream().limit(ERRORS_IN_MESSAGE).forEach(e -> message.append(e).append("; "));
        if (errors.size() > ERRORS_IN_MESSAGE) {
            message.append("...");
        } else {
            message.setLength(message.length() - 2);
        }
        return message.toString();
    }
}
