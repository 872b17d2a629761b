package io.dinplatform.core.data;

import java.util.Locale;
import java.util.Optional;

/** The three parts of a dataset: vocabularies and id counts come from TRAIN only; checkpoints are chosen on VALID. */
public enum Split {
    TRAIN, VALID, TEST;

    /** Reads a split cell ("train", "valid"/"validation", "test"), case-insensitively. */
    public static Optional<Split> parse(String cell) {
        return switch (cell.trim().toLowerCase(Locale.ROOT)) {
            case "train" -> Optional.of(TRAIN);
            case "valid", "validation", "val" -> Optional.of(VALID);
            case "test" -> Optional.of(TEST);
            default -> Optional.empty();
        };
    }
}
