package io.dinplatform.api.batch;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.dinplatform.api.error.ResourceConflictException;
import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.api.openapi.ProblemResponses;
import io.dinplatform.api.permission.ResourceAccess;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.permission.Permission;
import io.dinplatform.registry.permission.ProtectedResource;
import io.dinplatform.registry.scoring.BatchPrediction;
import io.dinplatform.registry.scoring.BatchPredictionRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Batch predictions: queue one, follow it, list them, cancel one, download its scores. */
@RestController
@RequestMapping(BatchPredictionController.PATH)
@Tag(name = "Batch predictions", description = "Score every row of a dataset version with a model version, offline")
public class BatchPredictionController {

    static final String PATH = "/api/v1/batch-predictions";
    private static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final BatchPredictionSubmissions submissions;
    private final BatchPredictionRepository predictions;
    private final ArtifactStore artifacts;
    private final ResourceAccess access;

    public BatchPredictionController(BatchPredictionSubmissions submissions, BatchPredictionRepository predictions,
                                     ArtifactStore artifacts, ResourceAccess access) {
        this.submissions = submissions;
        this.predictions = predictions;
        this.artifacts = artifacts;
        this.access = access;
    }

    @PostMapping
    @Operation(operationId = "submitBatchPrediction",
            summary = "Resolve the model version (an alias now) and the dataset version, and queue the scoring "
            + "job (202, status QUEUED)")
    @ApiResponse(responseCode = "202", description = "The batch prediction, queued",
            headers = @Header(name = "Location", description = "The batch prediction's address",
                    schema = @Schema(type = "string")))
    public ResponseEntity<BatchPredictionView> create(@Valid @RequestBody BatchPredictionRequest request) {
        access.requireReadable(ProtectedResource.MODEL, request.model().name());
        access.requireReadable(ProtectedResource.DATASET, request.dataset().name());
        BatchPrediction prediction = submissions.submit(request);
        return ResponseEntity.accepted().location(URI.create(PATH + "/" + prediction.id()))
                .body(BatchPredictionView.of(prediction));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getBatchPrediction",
            summary = "A prediction's status, progress (rows scored of total), model version, metrics and result")
    public BatchPredictionView prediction(@PathVariable UUID id) {
        return BatchPredictionView.of(existing(id, Permission.READ));
    }

    @GetMapping
    @Operation(operationId = "listBatchPredictions", summary = "The newest predictions first")
    public List<BatchPredictionView> list(@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return access.readableNames(ProtectedResource.MODEL).map(models -> predictions.findRecent(limit, models))
                .orElseGet(() -> predictions.findRecent(limit)).stream().map(BatchPredictionView::of).toList();
    }

    @PostMapping("/{id}/cancel")
    @Operation(operationId = "cancelBatchPrediction",
            summary = "Cancel a prediction: a queued one at once, a running one at its next chunk boundary")
    @ApiResponse(responseCode = "200", description = "The prediction, with cancelRequested (or CANCELLED when it "
            + "was queued)")
    @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public BatchPredictionView cancel(@PathVariable UUID id) {
        BatchPrediction prediction = existing(id, Permission.WRITE);
        if (!predictions.requestCancel(id)) {
            throw new ResourceConflictException("batch prediction " + id + " has already finished with status "
                    + prediction.status());
        }
        return BatchPredictionView.of(existing(id, Permission.READ));
    }

    @GetMapping(path = "/{id}/result", produces = {"text/csv", MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(operationId = "downloadBatchPredictionResult",
            summary = "The CSV of scores (row, group, item, score and label), streamed from the artifact store "
            + "and verified against its SHA-256")
    @ApiResponse(responseCode = "200", description = "The CSV: row,group,item,score,label,unknownFeatures",
            headers = {@Header(name = "ETag", description = "The quoted SHA-256 of the file",
                    schema = @Schema(type = "string")),
                    @Header(name = "Content-Disposition", description = "attachment; filename=...",
                            schema = @Schema(type = "string"))},
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public ResponseEntity<StreamingResponseBody> result(@PathVariable UUID id) {
        BatchPrediction prediction = existing(id, Permission.READ);
        if (prediction.result() == null) {
            throw new ResourceConflictException("batch prediction " + id + " has no result yet (status "
                    + prediction.status() + ")");
        }
        String sha256 = prediction.result().sha256();
        StreamingResponseBody body = out -> {
            try (InputStream in = artifacts.openVerified(sha256)) {
                in.transferTo(out);
            }
        };
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .contentLength(prediction.result().sizeBytes())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("batch-prediction-" + id + ".csv").build().toString())
                .eTag("\"" + sha256 + "\"")
                .body(body);
    }

    /** The prediction, when the caller may do this with its model (read it; cancel it: write on the model). */
    private BatchPrediction existing(UUID id, Permission permission) {
        BatchPrediction prediction = predictions.find(id).orElseThrow(() -> notFound(id));
        access.requireOnModelOf(prediction.model().name(), permission, () -> notFound(id));
        return prediction;
    }

    private static ResourceNotFoundException notFound(UUID id) {
        return new ResourceNotFoundException("batch prediction " + id + " does not exist");
    }
}
