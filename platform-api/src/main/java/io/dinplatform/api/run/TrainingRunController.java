package io.dinplatform.api.run;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.dinplatform.api.error.ResourceConflictException;
import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.api.openapi.ProblemResponses;
import io.dinplatform.api.permission.ResourceAccess;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.permission.Permission;
import io.dinplatform.registry.permission.ProtectedResource;
import io.dinplatform.registry.run.NewTrainingRun;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.registry.run.TrainingRunRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Training runs: queue one, follow it (also live), list them, cancel one. */
@RestController
@RequestMapping("/api/v1/training-runs")
@Tag(name = "Training runs", description = "Queue DIN or base-model training on a dataset version")
public class TrainingRunController {

    private final TrainingRunQueue queue;
    private final TrainingRunRepository runs;
    private final RunEventStreams eventStreams;
    private final ResourceAccess access;

    public TrainingRunController(TrainingRunQueue queue, TrainingRunRepository runs, RunEventStreams eventStreams,
                                 ResourceAccess access) {
        this.queue = queue;
        this.runs = runs;
        this.eventStreams = eventStreams;
        this.access = access;
    }

    @PostMapping
    @Operation(operationId = "queueTrainingRun", summary = "Validate a run request and queue it (202, status QUEUED)")
    @ApiResponse(responseCode = "202", description = "The run, queued",
            headers = @Header(name = "Location", description = "The run's address",
                    schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE_CONTENT)
    public ResponseEntity<TrainingRunView> create(@Valid @RequestBody TrainingRunRequest request) {
        // read on the dataset, write on the model: a run adds a version to the model, which its first run creates
        access.requireReadable(ProtectedResource.DATASET, request.dataset().name());
        access.requireWritableIfExists(ProtectedResource.MODEL, request.model());
        NewTrainingRun prepared = queue.prepare(request);
        access.createModelIfAbsent(request.model());
        TrainingRun run = runs.create(prepared);
        return ResponseEntity.accepted().location(URI.create("/api/v1/training-runs/" + run.id()))
                .body(TrainingRunView.of(run));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getTrainingRun",
            summary = "A run's status, progress, metrics and registered model version")
    public TrainingRunView run(@PathVariable UUID id) {
        return TrainingRunView.of(readable(id));
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(operationId = "streamTrainingRunEvents",
            summary = "Server-sent events: the run's stage, progress and metric points after Last-Event-ID (or "
            + "from the start) and its status changes, until the run has ended")
    @ApiResponse(responseCode = "200", description = "The event stream: events stage, progress, metric and status, "
            + "each with an id and a JSON data line", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
            schema = @Schema(type = "string")))
    public SseEmitter events(@PathVariable UUID id,
                             @RequestHeader(name = "Last-Event-ID", required = false) Long lastEventId) {
        readable(id);
        return eventStreams.open(id, lastEventId == null ? 0 : lastEventId);
    }

    @GetMapping
    @Operation(operationId = "listTrainingRuns", summary = "The newest runs first, optionally of one status")
    public List<TrainingRunView> list(@RequestParam(required = false) JobStatus status,
                                      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return access.readableNames(ProtectedResource.MODEL)
                .map(models -> runs.findRecent(status, limit, models))
                .orElseGet(() -> runs.findRecent(status, limit)).stream().map(TrainingRunView::of).toList();
    }

    @PostMapping("/{id}/cancel")
    @Operation(operationId = "cancelTrainingRun",
            summary = "Cancel a run: a queued one at once, a running one between mini-batches")
    @ApiResponse(responseCode = "200", description = "The run, with cancelRequested (or CANCELLED when it was queued)")
    @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public TrainingRunView cancel(@PathVariable UUID id) {
        TrainingRun run = existing(id);
        access.requireOnModelOf(run.modelName(), Permission.WRITE, () -> notFound(id));
        if (!runs.requestCancel(id)) {
            throw new ResourceConflictException("run " + id + " has already finished with status " + run.status());
        }
        return TrainingRunView.of(existing(id));
    }

    /** The run, when the caller may read its model. */
    private TrainingRun readable(UUID id) {
        TrainingRun run = existing(id);
        access.requireOnModelOf(run.modelName(), Permission.READ, () -> notFound(id));
        return run;
    }

    private TrainingRun existing(UUID id) {
        return runs.find(id).orElseThrow(() -> notFound(id));
    }

    private static ResourceNotFoundException notFound(UUID id) {
        return new ResourceNotFoundException("training run " + id + " does not exist");
    }
}
