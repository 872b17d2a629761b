package io.dinplatform.core.data.builders;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The items a log may mention, each with its category, in the order of the items file (which makes negative sampling
 * reproducible).
 */
public record ItemCatalog(Map<String, String> categoryByItem) {

    public ItemCatalog {
        categoryByItem = Collections.unmodifiableMap(new LinkedHashMap<>(categoryByItem));
    }

    public boolean contains(String item) {
        return categoryByItem.containsKey(item);
    }

    public String categoryOf(String item) {
        return categoryByItem.get(item);
    }

    public List<String> items() {
        return List.copyOf(categoryByItem.keySet());
    }

    public int size() {
        return categoryByItem.size();
    }
}
