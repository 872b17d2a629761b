package io.dinplatform.api.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.dinplatform.api.audit.AuditTrail;
import io.dinplatform.api.run.TrainingRunQueue;
import io.dinplatform.api.run.TrainingRunRequest;
import io.dinplatform.registry.audit.AuditActions;
import io.dinplatform.registry.audit.AuditOutcome;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.registry.run.TrainingRunRepository;
import io.dinplatform.registry.sweep.Sweep;
import io.dinplatform.registry.sweep.SweepRepository;
import io.dinplatform.registry.sweep.SweepStatus;
import io.dinplatform.registry.sweep.SweepTrial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One step of a running sweep, under its row lock: stops trials the early-stopping rule gives up on, queues new
 * trials while fewer than {@code parallelism} are unfinished and fewer than {@code maxTrials} exist, and ends the
 * sweep once every trial has ended, promoting the best trial's version when asked to.
 */
@Component
class SweepAdvancer {

    private static final Logger log = LoggerFactory.getLogger(SweepAdvancer.class);

    private final SweepRepository sweeps;
    private final TrainingRunRepository runs;
    private final TrialOutcomes outcomes;
    private final ModelRepository models;
    private final TrainingRunQueue queue;
    private final TrialRequests trialRequests;
    private final JsonMapper json;
    private final TransactionTemplate transaction;
    private final AuditTrail audit;

    SweepAdvancer(SweepRepository sweeps, TrainingRunRepository runs, TrialOutcomes outcomes,
                  ModelRepository models, TrainingRunQueue queue, TrialRequests trialRequests, JsonMapper json,
                  PlatformTransactionManager transactionManager, AuditTrail audit) {
        this.sweeps = sweeps;
        this.runs = runs;
        this.outcomes = outcomes;
        this.models = models;
        this.queue = queue;
        this.trialRequests = trialRequests;
        this.json = json;
        this.transaction = new TransactionTemplate(transactionManager);
        this.audit = audit;
    }

    /** Advances the sweep if it is running and no other process is advancing it right now. */
    void advance(UUID sweepId) {
        transaction.executeWithoutResult(status -> sweeps.lockRunning(sweepId).ifPresent(this::advanceLocked));
    }

    private void advanceLocked(Sweep sweep) {
        SweepRequest request = json.treeToValue(sweep.definition(), SweepRequest.class);
        List<TrialOutcome> trials = outcomes.of(sweep.id(), request.objective());
        if (request.earlyStopping() == EarlyStopping.MEDIAN) {
            stopHopelessTrials(sweep.id(), request, trials);
        }
        long unfinished = trials.stream().filter(t -> !t.ended()).count();
        boolean exhausted = false;
        TrialSuggester suggester = TrialSuggester.of(request);
        List<Observation> observed = observations(trials);
        for (int next = trials.size() + 1; unfinished < request.parallelism() && next <= request.maxTrials();
             next++) {
            Optional<Map<String, JsonNode>> values = suggester.suggest(next, observed);
            if (values.isEmpty()) {
                exhausted = true;
                break;
            }
            queueTrial(sweep.id(), request.base(), next, values.get());
            unfinished++;
        }
        int created = sweeps.trials(sweep.id()).size();
        if (unfinished == 0 && (exhausted || created >= request.maxTrials())) {
            finish(sweep, request, trials);
        }
    }

    private void stopHopelessTrials(UUID sweepId, SweepRequest request, List<TrialOutcome> trials) {
        for (TrialOutcome trial : trials) {
            if (trial.run().status() != JobStatus.RUNNING || trial.trial().pruned()) {
                continue;
            }
            List<Map<Integer, Double>> others = trials.stream().filter(other -> other != trial)
                    .map(TrialOutcome::byEpoch).toList();
            int epochs = trial.run().request().training().path("epochs").asInt();
            if (MedianStopping.shouldStop(trial.byEpoch(), others, epochs, request.objective())) {
                stop(sweepId, request, trial);
            }
        }
    }

    /**
     * Asks the trial's run to stop, and marks the trial pruned when the request took: a run that ended since it was
     * read is left as it ended. A run still going finishes anyway when its last epoch ends before its worker hears
     * of the request; it is then a succeeded trial like the others, still marked pruned.
     */
    private void stop(UUID sweepId, SweepRequest request, TrialOutcome trial) {
        if (!runs.requestCancel(trial.run().id())) {
            return;
        }
        sweeps.markPruned(sweepId, trial.trial().trial());
        log.info("Sweep {}: stopping trial {} (run {}): its {} so far is below the median of the others'",
                sweepId, trial.trial().trial(), trial.run().id(), request.objective().metric());
    }

    private static List<Observation> observations(List<TrialOutcome> trials) {
        return trials.stream().filter(t -> t.ended() && t.hasObjective())
                .map(t -> new Observation(parameters(t.trial()), t.best())).toList();
    }

    private static Map<String, JsonNode> parameters(SweepTrial trial) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        trial.parameters().properties().forEach(entry -> values.put(entry.getKey(), entry.getValue()));
        return values;
    }

    /**
     * Queues a trial and records, as its parameters, the values its stored request holds: what the run trains with
     * (a learning rate is a float there, the search's draw a double).
     */
    private void queueTrial(UUID sweepId, TrainingRunRequest base, int trial, Map<String, JsonNode> values) {
        TrainingRun run = queue.enqueue(trialRequests.of(base, values));
        JsonNode stored = run.request().toJson();
        ObjectNode parameters = json.createObjectNode();
        values.keySet().forEach(path -> parameters.set(path, TrialRequests.valueAt(stored, path)));
        sweeps.addTrial(sweepId, new SweepTrial(trial, run.id(), parameters, false));
        log.info("Sweep {}: trial {} queued as run {} with {}", sweepId, trial, run.id(), parameters);
    }

    private void finish(Sweep sweep, SweepRequest request, List<TrialOutcome> trials) {
        Optional<TrialOutcome> best = TrialOutcome.best(trials);
        if (best.isEmpty()) {
            sweeps.finish(sweep.id(), SweepStatus.FAILED, null, "no trial succeeded with a validation "
                    + request.objective().metric());
            return;
        }
        TrainingRun winner = best.get().run();
        if (request.promoteAlias() != null) {
            models.moveAlias(sweep.modelName(), request.promoteAlias(), winner.modelVersion().version());
            audit.record(AuditActions.ALIAS_MOVED, "model", sweep.modelName(), "alias " + request.promoteAlias()
                    + " to version " + winner.modelVersion().version() + " (sweep " + sweep.id() + ")",
                    AuditOutcome.SUCCESS);
        }
        sweeps.finish(sweep.id(), SweepStatus.SUCCEEDED, winner.id(), null);
        log.info("Sweep {}: ended, best trial {} (run {}, {} {})", sweep.id(), best.get().trial().trial(),
                winner.id(), request.objective().metric(), best.get().best());
    }
}
