package io.dinplatform.api.dataset;

import java.util.List;

import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.registry.dataset.DatasetItemRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import org.springframework.stereotype.Component;

/**
 * Answers for a dataset version's items table, whoever names the version (the dataset's address, or a model
 * version's lineage): the items with the ids asked for, or a page of them.
 */
@Component
public class DatasetItems {

    /** The most ids one lookup may name: a page of rank results or a history, not the catalogue. */
    public static final int MAX_IDS = 1000;
    /** The largest page. */
    public static final int MAX_PAGE = 1000;

    private final DatasetItemRepository items;

    public DatasetItems(DatasetItemRepository items) {
        this.items = items;
    }

    /**
     * With ids: those items, in the order asked (each id once, unknown ids left out); without: the page of
     * {@code limit} items from {@code offset} in the items file's order.
     */
    public DatasetItemsView answer(DatasetVersion version, List<String> ids, long offset, int limit) {
        if (ids != null && !ids.isEmpty()) {
            List<String> distinct = ids.stream().map(String::trim).filter(id -> !id.isEmpty()).distinct().toList();
            if (distinct.size() > MAX_IDS) {
                throw new InvalidRequestException("ids: at most " + MAX_IDS + " ids a request, got "
                        + distinct.size());
            }
            return new DatasetItemsView(version.name(), version.version(), version.items(),
                    items.find(version.id(), distinct).stream().map(DatasetItemsView.Item::of).toList(), null);
        }
        List<DatasetItemsView.Item> page = items.page(version.id(), offset, limit).stream()
                .map(DatasetItemsView.Item::of).toList();
        Long next = offset + page.size() < version.items() ? offset + page.size() : null;
        return new DatasetItemsView(version.name(), version.version(), version.items(), page, next);
    }
}
