package io.dinplatform.worker.steps;

import java.util.Optional;

import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;
import io.dinplatform.registry.model.NewModelVersion;
import io.dinplatform.registry.run.RunRequest;
import tools.jackson.databind.JsonNode;

/**
 * Registers a trained version and, when the run request names an alias to promote ({@code "promoteAlias":
 * "production"}), moves that alias to the new version if it beats the version the alias points at on the same test
 * data. Versions trained on another dataset version were tested on other rows, so they are not compared and the
 * alias stays where it is: comparing AUCs of different test sets would promote by chance.
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
        String outcome = alias == null || alias.isBlank() ? null : promote(registered, alias.trim());
        return new Registered(registered.id(), outcome);
    }

    public ModelVersion version(long id) {
        return models.findById(id).orElseThrow();
    }

    private String promote(ModelVersion candidate, String alias) {
        Optional<ModelVersion> current = models.findByAlias(candidate.modelName(), alias);
        if (current.isEmpty()) {
            models.moveAlias(candidate.modelName(), alias, candidate.version());
            return alias + " now points at version " + candidate.version() + " (it pointed at none)";
        }
        ModelVersion incumbent = current.get();
        if (incumbent.dataset() == null || candidate.dataset() == null
                || incumbent.dataset().id() != candidate.dataset().id()) {
            return alias + " stays at version " + incumbent.version() + ": it was trained and tested on another "
                    + "dataset version, so the two are not compared";
        }
        double incumbentAuc = testAuc(incumbent);
        double candidateAuc = testAuc(candidate);
        if (Double.isNaN(incumbentAuc) || candidateAuc > incumbentAuc) {
            models.moveAlias(candidate.modelName(), alias, candidate.version());
            return alias + " moved from version " + incumbent.version() + " (test AUC " + incumbentAuc
                    + ") to version " + candidate.version() + " (test AUC " + candidateAuc + ")";
        }
        return alias + " stays at version " + incumbent.version() + ": its test AUC " + incumbentAuc
                + " is at least the new version's " + candidateAuc;
    }

    private static double testAuc(ModelVersion version) {
        JsonNode auc = version.metrics() == null ? null : version.metrics().path("auc");
        return auc != null && auc.isNumber() ? auc.asDouble() : Double.NaN;
    }

    /**
     * @param versionId    the registered version
     * @param aliasOutcome what happened to the alias to promote, or null when the request named none
     */
    public record Registered(long versionId, String aliasOutcome) {
    }
}
