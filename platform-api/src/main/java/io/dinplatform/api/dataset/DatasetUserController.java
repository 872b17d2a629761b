package io.dinplatform.api.dataset;

import java.io.IOException;

import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.api.openapi.ProblemResponses;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The users of a dataset version and each one's latest row: what a client needs to score a real user. */
@RestController
@RequestMapping("/api/v1/datasets/{name}/versions/{version}/users")
@Tag(name = "Datasets")
public class DatasetUserController {

    private final DatasetVersions versions;
    private final DatasetUsers users;

    public DatasetUserController(DatasetVersions versions, DatasetUsers users) {
        this.versions = versions;
        this.users = users;
    }

    @GetMapping
    @Operation(operationId = "listDatasetUsers",
            summary = "A sample of the version's users (values of the group column) with their row counts, in "
            + "order of their first row; the version may be 'latest'")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public DatasetUsersView users(@PathVariable String name, @PathVariable String version,
                                  @RequestParam(defaultValue = "50") @Min(1) @Max(DatasetUsers.MAX_LISTED) int limit)
            throws IOException {
        DatasetVersion found = versions.require(name, version);
        return DatasetUsersView.of(found, users.sample(found, limit));
    }

    @GetMapping("/{userId}")
    @Operation(operationId = "getDatasetUser",
            summary = "One user's most recent row: every feature's raw value, the history cut to the newest "
            + "maxLength items a model sees")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public DatasetUserView user(@PathVariable String name, @PathVariable String version,
                                @PathVariable String userId) throws IOException {
        DatasetVersion found = versions.require(name, version);
        return users.latestRow(found, userId)
                .map(latest -> DatasetUserView.of(found, latest))
                .orElseThrow(() -> new ResourceNotFoundException("dataset '" + name + "' version "
                        + found.version() + " has no user '" + userId + "' (no row with that value in column '"
                        + FeatureSchemaJson.fromTree(found.schema()).effectiveGroup() + "')"));
    }
}
