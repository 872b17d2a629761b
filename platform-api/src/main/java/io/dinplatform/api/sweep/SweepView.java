package io.dinplatform.api.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.registry.sweep.Sweep;
import io.dinplatform.registry.sweep.SweepStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A sweep as the API shows it: its definition, its trials with their runs and objectives, and the best so far.
 *
 * @param id         the sweep
 * @param model      the model its trials register versions of
 * @param status     RUNNING, SUCCEEDED, FAILED or CANCELLED
 * @param definition the request as stored, every default filled in
 * @param trials     every trial queued so far, in order
 * @param best       the trial with the best objective so far among those that succeeded; null before one has
 * @param error      why the sweep failed
 * @param createdAt  when it was created
 * @param finishedAt when it ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepView(UUID id, String model, SweepStatus status,
                        @Schema(implementation = SweepRequest.class) JsonNode definition, List<Trial> trials,
                        Trial best, String error, Instant createdAt, Instant finishedAt) {

    /**
     * @param trial        its number, from 1
     * @param runId        its training run
     * @param status       the run's status
     * @param parameters   the values the search chose, by field path
     * @param objective    its best validation value of the objective so far (null before its first evaluation)
     * @param byEpoch      the objective after each epoch, in epoch order
     * @param pruned       whether early stopping asked its run to stop: the run ends CANCELLED, or SUCCEEDED when
     *                     its last epoch ended before its worker heard of it
     * @param modelVersion the version it registered, once it has
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Trial(int trial, UUID runId, String status, JsonNode parameters, Double objective,
                        List<Double> byEpoch, boolean pruned, Integer modelVersion) {

        static Trial of(TrialOutcome outcome) {
            TrainingRun run = outcome.run();
            return new Trial(outcome.trial().trial(), run.id(), run.status().name(), outcome.trial().parameters(),
                    outcome.hasObjective() ? outcome.best() : null, List.copyOf(outcome.byEpoch().values()),
                    outcome.trial().pruned(), run.modelVersion() == null ? null : run.modelVersion().version());
        }
    }

    static SweepView of(Sweep sweep, List<TrialOutcome> outcomes) {
        List<Trial> trials = outcomes.stream().map(Trial::of).toList();
        Trial best = TrialOutcome.best(outcomes).map(Trial::of).orElse(null);
        return new SweepView(sweep.id(), sweep.modelName(), sweep.status(), withoutNulls(sweep.definition()), trials,
                best, sweep.error(), sweep.createdAt(), sweep.finishedAt());
    }

    /** The stored definition without its unset fields: what the request left to defaults is not there. */
    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().stream().filter(field -> !field.getValue().isNull())
                    .forEach(field -> copy.set(field.getKey(), withoutNulls(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(withoutNulls(element)));
            return copy;
        }
        return node;
    }
}
