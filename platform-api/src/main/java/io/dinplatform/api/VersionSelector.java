package io.dinplatform.api;

import java.util.OptionalInt;

import io.dinplatform.api.error.InvalidRequestException;

/** A version in a URL: a number from 1, or {@code latest}. */
public final class VersionSelector {

    public static final String LATEST = "latest";

    private VersionSelector() {
    }

    /** The version number, or empty for {@code latest}; a 400 for anything else. */
    public static OptionalInt parse(String version) {
        if (LATEST.equalsIgnoreCase(version)) {
            return OptionalInt.empty();
        }
        try {
            int number = Integer.parseInt(version);
            if (number >= 1) {
                return OptionalInt.of(number);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException("version: '" + version + "' is neither a version number (1, 2, ...) nor '"
                + LATEST + "'");
    }
}
