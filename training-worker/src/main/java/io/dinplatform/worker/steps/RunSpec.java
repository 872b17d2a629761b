package io.dinplatform.worker.steps;

import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.train.TrainingConfig;
import io.dinplatform.worker.lease.PermanentJobFailure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a run trains, read from its stored request: the API stores din-core's own configuration records with every
 * default filled in, so reading them back gives exactly what was validated when the run was queued.
 *
 * @param architecture the model
 * @param training     the training loop
 */
public record RunSpec(ArchitectureConfig architecture, TrainingConfig training) {

    private static final JsonMapper JSON = JsonMapper.shared();

    public static RunSpec of(JsonNode request) {
        return new RunSpec(read(request, "architecture", ArchitectureConfig.class),
                read(request, "training", TrainingConfig.class));
    }

    private static <T> T read(JsonNode request, String field, Class<T> type) {
        JsonNode node = request.path(field);
        if (node.isMissingNode() || node.isNull()) {
            throw new PermanentJobFailure("the run request has no '" + field + "' section");
        }
        try {
            return JSON.treeToValue(node, type);
        } catch (RuntimeException e) {
            Throwable reason = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new PermanentJobFailure("the run request's '" + field + "' section is invalid: "
                    + reason.getMessage(), e);
        }
    }
}
