package io.dinplatform.api.dataset;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.api.openapi.ProblemResponses;
import io.dinplatform.api.permission.ResourceAccess;
import io.dinplatform.registry.dataset.DatasetItem;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.permission.ProtectedResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Datasets: upload or build immutable versions, list them, read one with its statistics. */
@RestController
@RequestMapping("/api/v1/datasets")
@Tag(name = "Datasets", description = "Immutable, versioned samples datasets with statistics")
public class DatasetController {

    private final DatasetRegistration registration;
    private final DatasetBuilds builds;
    private final DatasetRepository datasets;
    private final DatasetVersions versions;
    private final ItemTables itemTables;
    private final JsonMapper json;
    private final ResourceAccess access;

    public DatasetController(DatasetRegistration registration, DatasetBuilds builds, DatasetRepository datasets,
                             DatasetVersions versions, ItemTables itemTables, JsonMapper json,
                             ResourceAccess access) {
        this.registration = registration;
        this.builds = builds;
        this.datasets = datasets;
        this.versions = versions;
        this.itemTables = itemTables;
        this.json = json;
        this.access = access;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(operationId = "uploadDataset",
            summary = "Register the next version of a dataset from a samples CSV or Parquet file (optionally "
                    + "gzipped), uploaded or named where it lies",
            description = "Form fields: name, schema (the feature schema as JSON), and either file (the samples "
                    + "file) or one or more reference parts naming data the platform reads once, in order, and then "
                    + "pins by the SHA-256 of each object; optionally items, the items table (ids with titles), "
                    + "registered with the version or not at all.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                    schema = @Schema(implementation = DatasetUploadForm.class))))
    @ApiResponse(responseCode = "201", description = "The new version with its statistics",
            headers = @Header(name = "Location", description = "The version's address",
                    schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE_CONTENT)
    public ResponseEntity<DatasetVersionView> upload(
            // the form is documented as a whole (DatasetUploadForm), with the reference and items parts among its fields
            @Parameter(hidden = true) @RequestPart("name") String name,
            @Parameter(hidden = true) @RequestPart("schema") String schema,
            @Parameter(hidden = true) @RequestPart(value = "file", required = false) MultipartFile file,
            @Parameter(hidden = true) @RequestParam(value = "reference", required = false) List<String> references,
            @Parameter(hidden = true) @RequestPart(value = "items", required = false) MultipartFile items)
            throws IOException {
        access.requireWritableIfExists(ProtectedResource.DATASET, name);
        boolean referenced = references != null && !references.isEmpty();
        if ((file == null) != referenced) {
            throw new InvalidRequestException("file: send either the samples file (part 'file') or references to "
                    + "the data (parts 'reference'), not both and not neither");
        }
        List<DatasetItem> itemTable = items == null ? List.of() : itemTables.read(items);
        if (referenced) {
            return created(registration.registerReferenced(name, schema, references, itemTable));
        }
        ObjectNode origin = json.createObjectNode().put("kind", "upload").put("file", file.getOriginalFilename());
        if (items != null) {
            origin.put("itemsFile", items.getOriginalFilename());
        }
        return created(registration.register(name, schema, file, origin, itemTable));
    }

    @PostMapping(path = "/builds", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(operationId = "buildDataset",
            summary = "Build the next version of a dataset from raw interaction logs and an items file",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                    schema = @Schema(implementation = DatasetBuildForm.class))))
    @ApiResponse(responseCode = "201", description = "The new version with its statistics",
            headers = @Header(name = "Location", description = "The version's address",
                    schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE_CONTENT)
    public ResponseEntity<DatasetVersionView> build(@Parameter(hidden = true) @Valid @ModelAttribute
                                                    DatasetBuildForm form) throws IOException {
        access.requireWritableIfExists(ProtectedResource.DATASET, form.name());
        return created(builds.build(form.interactions(), form.items(), form));
    }

    @GetMapping
    @Operation(operationId = "listDatasets", summary = "List datasets with their newest version")
    public List<DatasetView> list() {
        var readable = access.readableNames(ProtectedResource.DATASET);
        return datasets.findAll().stream().filter(dataset -> readable.map(names -> names.contains(dataset.name()))
                .orElse(true)).map(DatasetView::of).toList();
    }

    @GetMapping("/{name}/versions")
    @Operation(operationId = "listDatasetVersions", summary = "List every version of a dataset, oldest first")
    public List<DatasetVersionView> versions(@PathVariable String name) {
        access.requireReadable(ProtectedResource.DATASET, name);
        List<DatasetVersion> versions = datasets.findVersions(name);
        if (versions.isEmpty()) {
            throw new ResourceNotFoundException("dataset '" + name + "' does not exist");
        }
        return versions.stream().map(DatasetVersionView::of).toList();
    }

    @GetMapping("/{name}/versions/{version}")
    @Operation(operationId = "getDatasetVersion",
            summary = "One version of a dataset with its statistics; the version may be 'latest'")
    public DatasetVersionView version(@PathVariable String name, @PathVariable String version) {
        return DatasetVersionView.of(versions.require(name, version));
    }

    /** The new version's answer (a new dataset was created owned by its caller, see {@link DatasetRegistration}). */
    private ResponseEntity<DatasetVersionView> created(DatasetVersion version) {
        URI location = URI.create("/api/v1/datasets/" + version.name() + "/versions/" + version.version());
        return ResponseEntity.created(location).body(DatasetVersionView.of(version));
    }
}
