package io.dinplatform.core.data.builders;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The items a log may mention, each with its category, in the order of the items file (which makes negative sampling
 * reproducible), and what the file says about each beyond that (its title, further columns).
 */
public record ItemCatalog(Map<String, String> categoryByItem, Map<String, ItemDescription> descriptions) {

    public ItemCatalog {
        categoryByItem = Collections.unmodifiableMap(new LinkedHashMap<>(categoryByItem));
        descriptions = Collections.unmodifiableMap(new LinkedHashMap<>(descriptions));
    }

    /** A catalogue of categories alone: no item has a title. */
    public ItemCatalog(Map<String, String> categoryByItem) {
        this(categoryByItem, Map.of());
    }

    public boolean contains(String item) {
        return categoryByItem.containsKey(item);
    }

    public String categoryOf(String item) {
        return categoryByItem.get(item);
    }

    /** The item's title and further columns; {@link ItemDescription#NONE} when the file gave none. */
    public ItemDescription descriptionOf(String item) {
        return descriptions.getOrDefault(item, ItemDescription.NONE);
    }

    public List<String> items() {
        return List.copyOf(categoryByItem.keySet());
    }

    public int size() {
        return categoryByItem.size();
    }
}
