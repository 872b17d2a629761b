package io.dinplatform.api.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dinplatform.api.ResourceNames;
import io.dinplatform.api.error.FieldError;
import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.api.error.ResourceConflictException;
import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.api.permission.ResourceAccess;
import io.dinplatform.api.run.TrainingRunQueue;
import io.dinplatform.registry.run.NewTrainingRun;
import io.dinplatform.registry.run.TrainingRunRepository;
import io.dinplatform.registry.sweep.Sweep;
import io.dinplatform.registry.sweep.SweepRepository;
import io.dinplatform.registry.sweep.SweepStatus;
import io.dinplatform.registry.sweep.SweepTrial;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts and cancels sweeps. A sweep is checked whole before it starts: its space, and the run requests at the
 * bounds of every field (each one checked as a queued run would be), so that a trial cannot fail to queue later.
 */
@Service
public class SweepService {

    private final SweepRepository sweeps;
    private final TrainingRunRepository runs;
    private final TrainingRunQueue queue;
    private final TrialRequests trialRequests;
    private final SweepAdvancer advancer;
    private final JsonMapper json;
    private final ResourceAccess access;

    SweepService(SweepRepository sweeps, TrainingRunRepository runs, TrainingRunQueue queue,
                 TrialRequests trialRequests, SweepAdvancer advancer, JsonMapper json, ResourceAccess access) {
        this.access = access;
        this.sweeps = sweeps;
        this.runs = runs;
        this.queue = queue;
        this.trialRequests = trialRequests;
        this.advancer = advancer;
        this.json = json;
    }

    /** Checks the request, records the sweep and queues its first trials. */
    public Sweep start(SweepRequest request) {
        SweepRequest sweep = request.withDefaults();
        rejectBadSpace(sweep);
        queue.prepare(sweep.base());
        sweep.space().forEach((path, range) -> range.extremes()
                .forEach(value -> requireQueueable(sweep, path, value)));
        access.createModelIfAbsent(sweep.base().model()); // checked, so its first trial's model is the caller's
        Sweep created = sweeps.create(sweep.base().model(), json.valueToTree(sweep));
        advancer.advance(created.id());
        return sweeps.find(created.id()).orElseThrow();
    }

    /** Ends a running sweep: no new trial is queued, queued trials are cancelled, running ones stopped. */
    public Sweep cancel(UUID id) {
        Sweep sweep = existing(id);
        if (!sweeps.finish(id, SweepStatus.CANCELLED, null, null)) {
            throw new ResourceConflictException("sweep " + id + " has already ended with status "
                    + existing(id).status());
        }
        // Read after the sweep's row was updated: a trial queued by an advance that held the row is seen here.
        sweeps.trials(id).stream().map(SweepTrial::runId).forEach(runs::requestCancel);
        return existing(sweep.id());
    }

    public Sweep existing(UUID id) {
        return sweeps.find(id).orElseThrow(() -> new ResourceNotFoundException("sweep " + id + " does not exist"));
    }

    private static void rejectBadSpace(SweepRequest sweep) {
        List<FieldError> errors = new ArrayList<>();
        if (sweep.base().promoteAlias() != null) {
            errors.add(new FieldError("base.promoteAlias", "trials do not promote; set the sweep's promoteAlias, "
                    + "which moves once, to the best trial's version"));
        }
        if (sweep.promoteAlias() != null) {
            try {
                ResourceNames.requireValidAlias("promoteAlias", sweep.promoteAlias());
            } catch (InvalidRequestException e) {
                errors.add(new FieldError("promoteAlias", e.getBody().getDetail()));
            }
        }
        for (Map.Entry<String, ParameterSpace> entry : sweep.space().entrySet()) {
            String field = "space." + entry.getKey();
            if (!TrialRequests.searchable(entry.getKey())) {
                errors.add(new FieldError(field, "not a field the sweep may search: a path under training. or "
                        + "architecture. (e.g. training.optimizer.learningRate)"));
            } else if (entry.getValue() == null) {
                errors.add(new FieldError(field, "required: the values the field may take"));
            } else {
                errors.addAll(entry.getValue().problems(field));
                if (sweep.algorithm() == SearchAlgorithm.GRID) {
                    errors.addAll(entry.getValue().gridProblems(field));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors.get(0).field() + ": " + errors.get(0).reason(), errors);
        }
    }

    /** The run request with the field at this value must be one the platform queues, and must have the field. */
    private void requireQueueable(SweepRequest sweep, String path, JsonNode value) {
        NewTrainingRun run;
        try {
            run = queue.prepare(trialRequests.of(sweep.base(), Map.of(path, value)));
        } catch (InvalidRequestException e) {
            String reason = "the run request with " + path + " = " + value + " is refused: " + e.getBody().getDetail();
            throw new InvalidRequestException(reason, List.of(new FieldError("space." + path, reason)));
        }
        if (TrialRequests.valueAt(run.request().toJson(), path).isMissingNode()) {
            String reason = "not a field of the run request";
            throw new InvalidRequestException("space." + path + ": " + reason,
                    List.of(new FieldError("space." + path, reason)));
        }
    }
}
