package io.dinplatform.registry.permission;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a grant lets its grantee do with a dataset or a model. Unlike token scopes, permissions nest: {@code write}
 * includes {@code predict} and {@code read} (whoever may change a model may use and see it), {@code predict}
 * includes {@code read} (a service that scores with a model may see its versions). A token's scopes still bound
 * what any grant lets it do.
 */
public enum Permission {

    /** See the resource: it is listed, and its details and versions answer. */
    READ,
    /** Change it: register dataset versions, train model versions, move aliases, cancel its runs. */
    WRITE,
    /** Score with a model: predictions, rankings, inference. */
    PREDICT;

    /** The permission as clients write it: lowercase. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether holding this permission also gives {@code other}. */
    public boolean includes(Permission other) {
        return this == other || this == WRITE || this == PREDICT && other == READ;
    }

    /** The permission with this label (exactly as {@link #label()} writes it), or empty. */
    public static Optional<Permission> parse(String label) {
        return Arrays.stream(values()).filter(permission -> permission.label().equals(label)).findFirst();
    }
}
