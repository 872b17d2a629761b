package io.dinplatform.api.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.dinplatform.api.VersionSelector;
import io.dinplatform.api.dataset.DatasetItemController;
import io.dinplatform.api.dataset.DatasetItems;
import io.dinplatform.api.dataset.DatasetItemsView;
import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.api.permission.ResourceAccess;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;
import io.dinplatform.registry.permission.ProtectedResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The items a model version knows: the items table of the dataset version it was trained on (its lineage), so that
 * a client holding a model's item ids (a ranking, a history, a batch result) can show their titles in one call.
 */
@RestController
@Tag(name = "Models")
public class ModelItemController {

    private final ModelRepository models;
    private final DatasetRepository datasets;
    private final DatasetItems items;
    private final ResourceAccess access;

    public ModelItemController(ModelRepository models, DatasetRepository datasets, DatasetItems items,
                               ResourceAccess access) {
        this.models = models;
        this.datasets = datasets;
        this.items = items;
        this.access = access;
    }

    @GetMapping("/api/v1/models/{name}/versions/{version}/items")
    @Operation(operationId = "listModelVersionItems",
            summary = "The items of the dataset version this model version was trained on (its lineage): those with "
                    + "the ids asked for, or a page; the version may be 'latest'. 404 when the version names no "
                    + "dataset version")
    public DatasetItemsView list(@PathVariable String name, @PathVariable String version,
                                 @Parameter(description = DatasetItemController.IDS_HELP)
                                 @RequestParam(required = false) List<String> ids,
                                 @RequestParam(defaultValue = "0") @Min(0) long offset,
                                 @RequestParam(defaultValue = "100") @Min(1) @Max(DatasetItems.MAX_PAGE) int limit) {
        ModelVersion found = modelVersion(name, version);
        DatasetVersion trainedOn = Optional.ofNullable(found.dataset()).flatMap(ref -> datasets.findById(ref.id()))
                .orElseThrow(() -> new ResourceNotFoundException("model '" + name + "' version " + found.version()
                        + " names no dataset version it was trained on, so it knows no items"));
        return items.answer(trainedOn, ids, offset, limit);
    }

    private ModelVersion modelVersion(String name, String version) {
        OptionalInt number = VersionSelector.parse(version);
        access.requireReadable(ProtectedResource.MODEL, name);
        models.find(name).orElseThrow(() -> new ResourceNotFoundException("model '" + name + "' does not exist"));
        return (number.isPresent() ? models.findVersion(name, number.getAsInt()) : models.findLatestVersion(name))
                .orElseThrow(() -> new ResourceNotFoundException("model '" + name + "' has no version " + version));
    }
}
