package io.dinplatform.api.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import io.dinplatform.api.error.FieldError;
import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.items.CatalogItem;
import io.dinplatform.core.data.items.ItemTableReader;
import io.dinplatform.registry.dataset.DatasetItem;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A dataset version's items table as the catalog stores it: read from the {@code items} part of an upload, or taken
 * from what a build's items file says about each item. Either is bounded by {@code din.datasets.max-items}.
 */
@Component
public class ItemTables {

    private static final String PART = "items";

    private final DatasetLimits limits;
    private final JsonMapper json;

    public ItemTables(DatasetLimits limits, JsonMapper json) {
        this.limits = limits;
        this.json = json;
    }

    /**
     * The items part of an upload (CSV with a header {@code id,title,category,...}, optionally gzipped). A bad file
     * is a 400 naming each row and column; it is read before the samples, so nothing has been stored yet.
     */
    public List<DatasetItem> read(MultipartFile part) throws IOException {
        try (InputStream in = part.getInputStream()) {
            return stored(ItemTableReader.read(in, limits.textLimit(), limits.itemLimit()));
        } catch (DataFormatException e) {
            List<FieldError> errors = e.errors().stream().map(error -> new FieldError(PART, error.toString())).toList();
            throw new InvalidRequestException(PART + ": the items file is refused, " + e.getMessage()
                    + "; nothing was registered", errors);
        }
    }

    /** A build's items; a catalogue beyond {@code din.datasets.max-items} is refused like any bad raw file (422). */
    public List<DatasetItem> built(List<CatalogItem> items) {
        if (items.size() > limits.itemLimit().maxItems()) {
            throw DataFormatException.of(0, PART, "the items file lists " + items.size() + " items, more than the "
                    + limits.itemLimit().maxItems() + " allowed (setting " + limits.itemLimit().setting() + ")");
        }
        return stored(items);
    }

    private List<DatasetItem> stored(List<CatalogItem> items) {
        return items.stream().map(item -> {
            ObjectNode attributes = json.createObjectNode();
            item.attributes().forEach(attributes::put);
            return new DatasetItem(item.id(), item.title(), item.category(), attributes);
        }).toList();
    }
}
