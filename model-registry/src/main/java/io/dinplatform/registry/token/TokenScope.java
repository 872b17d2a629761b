package io.dinplatform.registry.token;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a token may do. Scopes do not imply each other: a token carries each one it needs. */
public enum TokenScope {

    /** Read the catalog: datasets, runs, models, batch predictions (GET). */
    READ,
    /** Change it: upload and build datasets, queue and cancel runs, move aliases, submit batch predictions. */
    WRITE,
    /** Ask for online predictions and rankings. */
    PREDICT,
    /** Create, list and revoke tokens. */
    ADMIN;

    /** The scope as clients write it: lowercase. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scope with this label (exactly as {@link #label()} writes it), or empty. */
    public static Optional<TokenScope> parse(String label) {
        return Arrays.stream(values()).filter(scope -> scope.label().equals(label)).findFirst();
    }
}
