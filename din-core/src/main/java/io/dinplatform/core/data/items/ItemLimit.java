package io.dinplatform.core.data.items;

import java.util.Objects;

/**
 * The most items one items table may list, and the setting that changes it (the error names it).
 *
 * @param maxItems the most items
 * @param setting  where the limit comes from, e.g. a configuration key, for the error message
 */
public record ItemLimit(int maxItems, String setting) {

    public ItemLimit {
        if (maxItems < 1) {
            throw new IllegalArgumentException("an item limit must be positive, got " + maxItems);
        }
        Objects.requireNonNull(setting, "setting");
    }
}
