package io.dinplatform.api.dataset;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The items table of a dataset version: what its item ids mean to a person. */
@RestController
@Tag(name = "Datasets")
public class DatasetItemController {

    /** How {@code ids} is described wherever items are looked up. */
    public static final String IDS_HELP = "Item ids, comma-separated or repeated (at most " + DatasetItems.MAX_IDS
            + "); the answer holds those the table has, in this order. Without ids: a page in the items file's order";

    private final DatasetVersions versions;
    private final DatasetItems items;

    public DatasetItemController(DatasetVersions versions, DatasetItems items) {
        this.versions = versions;
        this.items = items;
    }

    @GetMapping("/api/v1/datasets/{name}/versions/{version}/items")
    @Operation(operationId = "listDatasetItems",
            summary = "The version's items (id, title, category, further columns): those with the ids asked for, or "
                    + "a page of them; the version may be 'latest'. A version without an items table has none")
    public DatasetItemsView list(@PathVariable String name, @PathVariable String version,
                                 @Parameter(description = IDS_HELP) @RequestParam(required = false) List<String> ids,
                                 @RequestParam(defaultValue = "0") @Min(0) long offset,
                                 @RequestParam(defaultValue = "100") @Min(1) @Max(DatasetItems.MAX_PAGE) int limit) {
        return items.answer(versions.require(name, version), ids, offset, limit);
    }
}
