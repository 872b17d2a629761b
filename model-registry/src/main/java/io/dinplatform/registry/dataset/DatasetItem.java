package io.dinplatform.registry.dataset;

import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * One row of a dataset version's items table. The catalog stores it without interpreting it.
 *
 * @param id         the item's id as the version's samples file holds it
 * @param title      its title; null when none was given
 * @param category   its category; null when none was given
 * @param attributes further columns of the items file, as a JSON object
 */
public record DatasetItem(String id, String title, String category, JsonNode attributes) {

    public DatasetItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(attributes, "attributes");
    }
}
