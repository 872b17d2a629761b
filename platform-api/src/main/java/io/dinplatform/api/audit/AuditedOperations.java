package io.dinplatform.api.audit;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dinplatform.registry.audit.AuditActions;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

import static io.dinplatform.api.audit.AuditedOperation.creating;
import static io.dinplatform.api.audit.AuditedOperation.on;

/**
 * Every change the API makes, by method and address: the one table the {@link AuditFilter} records from. An
 * operation that changes nothing in the catalog (a prediction, a ranking, click feedback on what was served, an Open
 * Inference Protocol inference) is listed in {@link #NOT_CHANGES} instead, so that a test can check that every
 * address that is not a read is one or the other.
 */
final class AuditedOperations {

    private static final String DATASET_VERSION = "/api/v1/datasets/{name}/versions/{version}";

    static final List<AuditedOperation> OPERATIONS = List.of(
            creating(HttpMethod.POST, "/api/v1/datasets", AuditActions.DATASET_REGISTERED, "dataset",
                    DATASET_VERSION, "name", "version"),
            creating(HttpMethod.POST, "/api/v1/datasets/builds", AuditActions.DATASET_REGISTERED, "dataset",
                    DATASET_VERSION, "name", "version"),
            creating(HttpMethod.POST, "/api/v1/datasets/builds/impressions", AuditActions.DATASET_REGISTERED,
                    "dataset", DATASET_VERSION, "name", "version"),
            creating(HttpMethod.POST, "/api/v1/models", AuditActions.MODEL_CREATED, "model",
                    "/api/v1/models/{name}", "name", null),
            on(HttpMethod.PUT, "/api/v1/models/{name}/aliases/{alias}", AuditActions.ALIAS_MOVED, "model", "name",
                    "alias"),
            on(HttpMethod.DELETE, "/api/v1/models/{name}/aliases/{alias}", AuditActions.ALIAS_DELETED, "model",
                    "name", "alias"),
            on(HttpMethod.PUT, "/api/v1/models/{name}/impression-logging", AuditActions.IMPRESSION_LOGGING_CHANGED,
                    "model", "name", null),
            creating(HttpMethod.POST, "/api/v1/training-runs", AuditActions.RUN_QUEUED, "training-run",
                    "/api/v1/training-runs/{id}", "id", null),
            on(HttpMethod.POST, "/api/v1/training-runs/{id}/cancel", AuditActions.RUN_CANCELLED, "training-run",
                    "id", null),
            creating(HttpMethod.POST, "/api/v1/sweeps", AuditActions.SWEEP_STARTED, "sweep",
                    "/api/v1/sweeps/{id}", "id", null),
            on(HttpMethod.POST, "/api/v1/sweeps/{id}/cancel", AuditActions.SWEEP_CANCELLED, "sweep", "id", null),
            creating(HttpMethod.POST, "/api/v1/batch-predictions", AuditActions.BATCH_PREDICTION_QUEUED,
                    "batch-prediction", "/api/v1/batch-predictions/{id}", "id", null),
            on(HttpMethod.POST, "/api/v1/batch-predictions/{id}/cancel", AuditActions.BATCH_PREDICTION_CANCELLED,
                    "batch-prediction", "id", null),
            on(HttpMethod.PUT, "/api/v1/models/{name}/grants", AuditActions.GRANT_CHANGED, "model", "name", null),
            on(HttpMethod.PUT, "/api/v1/datasets/{name}/grants", AuditActions.GRANT_CHANGED, "dataset", "name", null),
            creating(HttpMethod.POST, "/api/v1/tokens", AuditActions.TOKEN_CREATED, "token", "/api/v1/tokens/{id}",
                    "id", null),
            on(HttpMethod.DELETE, "/api/v1/tokens/{id}", AuditActions.TOKEN_REVOKED, "token", "id", null));

    /** Addresses that are not reads but change nothing an audit is about: serving and its feedback. */
    static final List<String> NOT_CHANGES = List.of("/api/v1/models/{name}/predict", "/api/v1/models/{name}/rank",
            "/api/v1/feedback", "/v2/models/{name}/infer", "/v2/models/{name}/versions/{version}/infer");

    private AuditedOperations() {
    }

    /** The change a request makes, with its address's variables; empty when it makes none. */
    static Optional<Matched> match(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (AuditedOperation operation : OPERATIONS) {
            Optional<Map<String, String>> variables = operation.match(method, container);
            if (variables.isPresent()) {
                return Optional.of(new Matched(operation, variables.get()));
            }
        }
        return Optional.empty();
    }

    /** An operation a request matched, with the variables of its address. */
    record Matched(AuditedOperation operation, Map<String, String> variables) {
    }
}
