package io.dinplatform.api.run;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.dinplatform.api.error.ResourceConflictException;
import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.registry.run.RunStatus;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.registry.run.TrainingRunRepository;
import io.swagger.v3.oas.annotations.Operation;
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

/** Training runs: queue one, follow it, list them, cancel one. */
@RestController
@RequestMapping("/api/v1/training-runs")
@Tag(name = "Training runs", description = "Queue DIN or base-model training on a dataset version")
public class TrainingRunController {

    private final TrainingRunQueue queue;
    private final TrainingRunRepository runs;

    public TrainingRunController(TrainingRunQueue queue, TrainingRunRepository runs) {
        this.queue = queue;
        this.runs = runs;
    }

    @PostMapping
    @Operation(summary = "Validate a run request and queue it (202, status QUEUED)")
    public ResponseEntity<TrainingRunView> create(@Valid @RequestBody TrainingRunRequest request) {
        TrainingRun run = queue.enqueue(request);
        return ResponseEntity.accepted().location(URI.create("/api/v1/training-runs/" + run.id()))
                .body(TrainingRunView.of(run));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A run's status, progress, metrics and registered model version")
    public TrainingRunView run(@PathVariable UUID id) {
        return TrainingRunView.of(existing(id));
    }

    @GetMapping
    @Operation(summary = "The newest runs first, optionally of one status")
    public List<TrainingRunView> list(@RequestParam(required = false) RunStatus status,
                                      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return runs.findRecent(status, limit).stream().map(TrainingRunView::of).toList();
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a run: a queued one at once, a running one between mini-batches")
    public TrainingRunView cancel(@PathVariable UUID id) {
        TrainingRun run = existing(id);
        if (!runs.requestCancel(id)) {
            throw new ResourceConflictException("run " + id + " has already finished with status " + run.status());
        }
        return TrainingRunView.of(existing(id));
    }

    private TrainingRun existing(UUID id) {
        return runs.find(id).orElseThrow(() -> new ResourceNotFoundException("training run " + id + " does not exist"));
    }
}
