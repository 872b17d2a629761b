package io.dinplatform.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.dinplatform.registry.model.AliasRoute;
import io.dinplatform.registry.model.ModelVersion;
import tools.jackson.databind.JsonNode;

/**
 * One model version as the API shows it.
 *
 * @param name         the model
 * @param version      its number
 * @param aliases      the aliases pointing at it
 * @param metrics      test metrics (auc, gauc, logloss...)
 * @param parameters   architecture and training parameters
 * @param lineage      the run and dataset version it came from
 * @param bundleSha256 the SHA-256 of its bundle
 * @param createdAt    when it was registered
 * @param comparison   with {@code ?base=N}: RelaImpr of this version over version N; absent otherwise
 * @param traffic      in an alias's answer: where the alias sends traffic (this version is its first arm); absent
 *                     otherwise
 */
public record ModelVersionView(String name, int version, List<String> aliases, JsonNode metrics, JsonNode parameters,
                               Lineage lineage, String bundleSha256, Instant createdAt,
                               @JsonInclude(JsonInclude.Include.NON_NULL) VersionComparison comparison,
                               @JsonInclude(JsonInclude.Include.NON_NULL) AliasTrafficView traffic) {

    /** Where a version came from. */
    public record Lineage(UUID runId, DatasetRef dataset) {
    }

    /** A dataset version by name and number. */
    public record DatasetRef(String name, int version) {
    }

    static ModelVersionView of(ModelVersion v) {
        DatasetRef dataset = v.dataset() == null ? null : new DatasetRef(v.dataset().name(), v.dataset().version());
        return new ModelVersionView(v.modelName(), v.version(), v.aliases(), v.metrics(), v.parameters(),
                new Lineage(v.runId(), dataset), v.bundleSha256(), v.createdAt(), null, null);
    }

    /** An alias's answer: its first arm, with where the alias sends traffic. */
    static ModelVersionView of(AliasRoute route) {
        ModelVersionView primary = of(route.primary());
        return new ModelVersionView(primary.name, primary.version, primary.aliases, primary.metrics,
                primary.parameters, primary.lineage, primary.bundleSha256, primary.createdAt, null,
                AliasTrafficView.of(route));
    }

    ModelVersionView comparedWith(VersionComparison newComparison) {
        return new ModelVersionView(name, version, aliases, metrics, parameters, lineage, bundleSha256, createdAt,
                newComparison, traffic);
    }
}
