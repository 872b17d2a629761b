package io.dinplatform.api.online;

import java.io.IOException;
import java.net.URI;

import io.dinplatform.api.dataset.DatasetVersionView;
import io.dinplatform.api.permission.ResourceAccess;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.permission.ProtectedResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The build of a dataset from served traffic. It has an address of its own beside the builds from uploaded logs
 * ({@code /api/v1/datasets/builds}, multipart): one address with two bodies would be one operation with two request
 * types in the OpenAPI document, which generated clients cannot call.
 */
@RestController
@Tag(name = "Datasets")
public class TrafficDatasetController {

    private final TrafficDatasets traffic;
    private final ResourceAccess access;

    public TrafficDatasetController(TrafficDatasets traffic, ResourceAccess access) {
        this.traffic = traffic;
        this.access = access;
    }

    @PostMapping(path = "/api/v1/datasets/builds/impressions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "buildDatasetFromImpressions",
            summary = "Build the next version of a dataset from a model's logged impressions and the clicks "
                    + "reported on them")
    @ApiResponse(responseCode = "201", description = "The new version with its statistics and its lineage",
            headers = @Header(name = "Location", description = "The version's address",
                    schema = @Schema(type = "string")))
    public ResponseEntity<DatasetVersionView> build(@Valid @RequestBody TrafficDatasetRequest request)
            throws IOException {
        access.requireReadable(ProtectedResource.MODEL, request.model());
        access.requireWritableIfExists(ProtectedResource.DATASET, request.name());
        DatasetVersion version = traffic.build(request);
        URI location = URI.create("/api/v1/datasets/" + version.name() + "/versions/" + version.version());
        return ResponseEntity.created(location).body(DatasetVersionView.of(version));
    }
}
