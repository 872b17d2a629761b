package io.dinplatform.worker.steps;

import java.util.Optional;

import io.dinplatform.core.metrics.EvaluationMetrics;
import io.dinplatform.core.train.SelectionMetric;
import io.dinplatform.core.train.TrainingConfig;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;
import io.dinplatform.registry.model.NewModelVersion;
import io.dinplatform.registry.run.RunRequest;
import tools.jackson.databind.JsonNode;

/**
 * Registers a trained version and, when the run request names an alias to promote ({@code "promoteAlias":
 * "production"}), moves that alias to the new version if it beats the version the alias points at on the same test
 * data. Versions trained on another dataset version were tested on other rows, so they are not compared and the
 * alias stays where it is: comparing AUCs of different test sets would promote by chance. The comparison is on the
 * run's selection metric ({@code training.selectionMetric}, test GAUC by default; a tie keeps the alias where it is).
 */
public class ModelRegistration {

    private final ModelRepository models;

    public ModelRegistration(ModelRepository models) {
        this.models = models;
    }

    /** Call inside the registration's transaction: the alias moves with the registration or not at all. */
    public Registered register(NewModelVersion version, RunRequest request) {
        ModelVersion registered = models.createNextVersion(version);
        String alias = request.promoteAlias();
        if (alias == null || alias.isBlank()) {
            return new Registered(registered.id(), true, null, null);
        }
        Promotion promotion = promote(registered, alias.trim());
        return new Registered(registered.id(), true, promotion.outcome(), promotion.moved() ? alias.trim() : null);
    }

    public ModelVersion version(long id) {
        return models.findById(id).orElseThrow();
    }

    private Promotion promote(ModelVersion candidate, String alias) {
        Optional<ModelVersion> current = models.findByAlias(candidate.modelName(), alias);
        if (current.isEmpty()) {
            models.moveAlias(candidate.modelName(), alias, candidate.version());
            return Promotion.moved(alias + " now points at version " + candidate.version() + " (it pointed at none)");
        }
        ModelVersion incumbent = current.get();
        if (incumbent.dataset() == null || candidate.dataset() == null
                || incumbent.dataset().id() != candidate.dataset().id()) {
            return Promotion.stayed(alias + " stays at version " + incumbent.version() + ": it was trained and "
                    + "tested on another dataset version, so the two are not compared");
        }
        SelectionMetric metric = selectionMetric(candidate);
        EvaluationMetrics incumbentTest = testMetrics(incumbent);
        EvaluationMetrics candidateTest = testMetrics(candidate);
        if (incumbentTest == null || candidateTest != null && metric.improves(candidateTest, incumbentTest)) {
            models.moveAlias(candidate.modelName(), alias, candidate.version());
            return Promotion.moved(alias + " moved from version " + incumbent.version() + " ("
                    + figure(metric, incumbentTest) + ") to version " + candidate.version() + " ("
                    + figure(metric, candidateTest) + ")");
        }
        return Promotion.stayed(alias + " stays at version " + incumbent.version() + ": its "
                + figure(metric, incumbentTest) + " is at least as good as the new version's "
                + figure(metric, candidateTest));
    }

    /** The run's {@code training.selectionMetric}: GAUC unless the run asked for AUC or LOGLOSS. */
    private static SelectionMetric selectionMetric(ModelVersion candidate) {
        JsonNode asked = candidate.parameters() == null ? null
                : candidate.parameters().path("training").path("selectionMetric");
        if (asked == null || !asked.isString()) {
            return TrainingConfig.DEFAULT_SELECTION_METRIC;
        }
        try {
            return SelectionMetric.valueOf(asked.asString());
        } catch (IllegalArgumentException e) {
            return TrainingConfig.DEFAULT_SELECTION_METRIC;
        }
    }

    private static EvaluationMetrics testMetrics(ModelVersion version) {
        return version.metrics() == null || !version.metrics().isObject() ? null : MetricsJson.read(version.metrics());
    }

    /** The figure the comparison used, e.g. "test GAUC 0.7224" (GAUC falls back to AUC where it is undefined). */
    private static String figure(SelectionMetric metric, EvaluationMetrics test) {
        if (test == null) {
            return "no test metrics";
        }
        SelectionMetric used = metric.effectiveOn(test);
        double value = switch (used) {
            case GAUC -> test.gauc();
            case AUC -> test.auc();
            case LOGLOSS -> test.logLoss();
        };
        return "test " + used + " " + value;
    }

    /**
     * @param versionId     the registered version
     * @param registeredNow whether this attempt registered it (false: an earlier attempt of the run did)
     * @param aliasOutcome  what happened to the alias to promote, or null when the request named none
     * @param movedAlias    the alias this attempt moved to the version, or null when none moved
     */
    public record Registered(long versionId, boolean registeredNow, String aliasOutcome, String movedAlias) {

        /** A version that an earlier attempt of the run registered. */
        public static Registered earlier(long versionId) {
            return new Registered(versionId, false, null, null);
        }
    }

    /** What promoting did: its outcome in words, and whether the alias moved. */
    private record Promotion(String outcome, boolean moved) {

        static Promotion moved(String outcome) {
            return new Promotion(outcome, true);
        }

        static Promotion stayed(String outcome) {
            return new Promotion(outcome, false);
        }
    }
}
