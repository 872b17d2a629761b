package io.dinplatform.api.dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dinplatform.registry.dataset.DatasetItem;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Items of a dataset version's items table: those asked for by id, or one page in the items file's order.
 *
 * @param name       the dataset
 * @param version    its version
 * @param total      the rows of the version's items table (0: the version has none)
 * @param items      the items found, in the order of the ids asked for (unknown ids left out), or the page's
 * @param nextOffset the offset of the next page; null on the last page and for a lookup by id
 */
public record DatasetItemsView(String name, int version, int total, List<Item> items, Long nextOffset) {

    /**
     * One item.
     *
     * @param id         the id as the samples file and the model name it
     * @param title      its title; null when the items file gave none
     * @param category   its category; null when the items file gave none
     * @param attributes further columns of the items file by name (e.g. MovieLens' releaseDate, imdbUrl, genres)
     */
    @Schema(name = "DatasetItem")
    public record Item(String id, String title, String category,
                       @Schema(description = "Further columns of the items file, by name")
                       Map<String, String> attributes) {

        static Item of(DatasetItem item) {
            Map<String, String> attributes = new LinkedHashMap<>();
            item.attributes().properties().forEach(field -> attributes.put(field.getKey(),
                    field.getValue().asString()));
            return new Item(item.id(), item.title(), item.category(), attributes);
        }
    }
}
