package io.dinplatform.core.data.items;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an item id means to a person: one row of a dataset version's items table. The id is the value the samples
 * file holds (so a model trained on the version names the item by it); the title and category may be absent.
 *
 * @param id         the item's id as the samples file writes it
 * @param title      its title, e.g. {@code Toy Story (1995)}; null when the items file gives none
 * @param category   its category as the samples file writes it; null when the items file gives none
 * @param attributes every further column of the items file, by column name, in file order (empty values left out)
 */
public record CatalogItem(String id, String title, String category, Map<String, String> attributes) {

    /** The longest title, category, column name or value: a label for a person, not a document. */
    public static final int MAX_TEXT_CHARS = 4096;

    public CatalogItem {
        Objects.requireNonNull(id, "id");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /**
     * Why text cannot be stored as an item's title, category or attribute, or null when it can: it is well-formed
     * Unicode without NUL characters (which no PostgreSQL text holds) and at most {@link #MAX_TEXT_CHARS} long.
     */
    public static String textProblem(String text) {
        if (text.length() > MAX_TEXT_CHARS) {
            return "is " + text.length() + " characters long, more than the " + MAX_TEXT_CHARS + " allowed";
        }
        if (text.indexOf('\0') >= 0) {
            return "holds a NUL character";
        }
        if (text.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE)) {
            return "is not well-formed Unicode text (it holds an unpaired surrogate)";
        }
        return null;
    }
}
