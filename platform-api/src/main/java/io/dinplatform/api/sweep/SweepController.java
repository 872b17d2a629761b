package io.dinplatform.api.sweep;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.api.openapi.ProblemResponses;
import io.dinplatform.api.permission.ResourceAccess;
import io.dinplatform.registry.permission.Permission;
import io.dinplatform.registry.permission.ProtectedResource;
import io.dinplatform.registry.sweep.Sweep;
import io.dinplatform.registry.sweep.SweepRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Hyperparameter sweeps: start one, follow its trials, cancel it. */
@RestController
@RequestMapping("/api/v1/sweeps")
@Tag(name = "Sweeps", description = "Search training and architecture fields with trials that are training runs")
public class SweepController {

    private final SweepService service;
    private final SweepRepository sweeps;
    private final TrialOutcomes outcomes;
    private final JsonMapper json;
    private final ResourceAccess access;

    SweepController(SweepService service, SweepRepository sweeps, TrialOutcomes outcomes, JsonMapper json,
                    ResourceAccess access) {
        this.service = service;
        this.sweeps = sweeps;
        this.outcomes = outcomes;
        this.json = json;
        this.access = access;
    }

    @PostMapping
    @Operation(operationId = "startSweep",
            summary = "Check a sweep, record it and queue its first trials (202, status RUNNING)")
    @ApiResponse(responseCode = "202", description = "The sweep, running, with its first trials queued",
            headers = @Header(name = "Location", description = "The sweep's address",
                    schema = @Schema(type = "string")))
    public ResponseEntity<SweepView> start(@Valid @RequestBody SweepRequest request) {
        // as a training run: its trials read the dataset and add versions to the model
        access.requireReadable(ProtectedResource.DATASET, request.base().dataset().name());
        access.requireWritableIfExists(ProtectedResource.MODEL, request.base().model());
        Sweep sweep = service.start(request);
        return ResponseEntity.accepted().location(URI.create("/api/v1/sweeps/" + sweep.id())).body(view(sweep));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getSweep",
            summary = "A sweep: its trials with their parameters and objectives, the best so far, its status")
    public SweepView sweep(@PathVariable UUID id) {
        return view(existing(id, Permission.READ));
    }

    @GetMapping
    @Operation(operationId = "listSweeps", summary = "The newest sweeps first")
    public List<SweepView> list(@RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
        return access.readableNames(ProtectedResource.MODEL).map(models -> sweeps.findRecent(limit, models))
                .orElseGet(() -> sweeps.findRecent(limit)).stream().map(this::view).toList();
    }

    @PostMapping("/{id}/cancel")
    @Operation(operationId = "cancelSweep",
            summary = "Cancel a sweep: no new trial, queued trials cancelled, running ones stopped")
    @ApiResponse(responseCode = "200", description = "The sweep, CANCELLED, its trials asked to stop")
    @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public SweepView cancel(@PathVariable UUID id) {
        existing(id, Permission.WRITE);
        return view(service.cancel(id));
    }

    /** The sweep, when the caller may do this with its model. */
    private Sweep existing(UUID id, Permission permission) {
        Sweep sweep = service.existing(id);
        access.requireOnModelOf(sweep.modelName(), permission, () -> new ResourceNotFoundException("sweep " + id
                + " does not exist"));
        return sweep;
    }

    private SweepView view(Sweep sweep) {
        SweepObjective objective = json.treeToValue(sweep.definition(), SweepRequest.class).objective();
        return SweepView.of(sweep, outcomes.of(sweep.id(), objective));
    }
}
