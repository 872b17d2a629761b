package io.dinplatform.api.inference;

import io.dinplatform.api.VersionSelector;

/**
 * The protocol's version segment as the serving path selects versions: a number or {@code latest} is a version,
 * anything else an alias, nothing the model's default (the {@code production} alias, else the newest version).
 *
 * @param version a version number or {@code latest}, or null
 * @param alias   an alias, or null
 */
record ModelSelector(String version, String alias) {

    static ModelSelector of(String segment) {
        if (segment == null || segment.isEmpty()) {
            return new ModelSelector(null, null);
        }
        boolean number = segment.chars().allMatch(c -> c >= '0' && c <= '9');
        return number || VersionSelector.LATEST.equalsIgnoreCase(segment)
                ? new ModelSelector(segment, null)
                : new ModelSelector(null, segment);
    }
}
