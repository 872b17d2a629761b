package io.dinplatform.core.data.builders;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an items file says about an item beyond its category, as raw text: a title and further columns by name.
 *
 * @param title      the item's title; null when the file has none
 * @param attributes further columns by name, in file order (empty values left out)
 */
public record ItemDescription(String title, Map<String, String> attributes) {

    /** An item the file only gives a category. */
    public static final ItemDescription NONE = new ItemDescription(null, Map.of());

    public ItemDescription {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
