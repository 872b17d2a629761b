package io.dinplatform.api.model;

import io.dinplatform.api.error.FieldError;
import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.core.metrics.RelaImpr;
import io.dinplatform.registry.model.ModelVersion;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * RelaImpr of a model version over a base version (the DIN paper, eq. 6), from their test metrics: on GAUC, the
 * paper's definition, and on global AUC beside it. Only versions tested on the same dataset version are compared:
 * AUCs of different test rows say nothing about the models.
 *
 * @param baseVersion  the version compared against
 * @param relaImprGauc in percent; null when a GAUC is missing or the base's is not above 0.5
 * @param relaImprAuc  in percent; null when an AUC is missing or the base's is not above 0.5
 */
public record VersionComparison(int baseVersion, Double relaImprGauc, Double relaImprAuc) {

    /**
     * @throws InvalidRequestException naming {@code base} when the two were tested on different dataset versions
     */
    static VersionComparison of(ModelVersion version, ModelVersion base) {
        if (version.dataset() == null || base.dataset() == null || version.dataset().id() != base.dataset().id()) {
            String reason = "version " + base.version() + " was not tested on the dataset version that version "
                    + version.version() + " was: RelaImpr compares two models on the same test rows";
            throw new InvalidRequestException("base: " + reason, List.of(new FieldError("base", reason)));
        }
        return new VersionComparison(base.version(), relaImpr(version, base, "gauc"),
                relaImpr(version, base, "auc"));
    }

    private static Double relaImpr(ModelVersion version, ModelVersion base, String metric) {
        JsonNode value = version.metrics() == null ? null : version.metrics().get(metric);
        JsonNode baseValue = base.metrics() == null ? null : base.metrics().get(metric);
        if (value == null || !value.isNumber() || baseValue == null || !baseValue.isNumber()
                || !(baseValue.asDouble() > 0.5)) {
            return null;
        }
        return RelaImpr.of(value.asDouble(), baseValue.asDouble());
    }
}
