package io.dinplatform.registry.run;

import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored request of a training run, the {@code request} document of the {@code training_runs} table: the
 * dataset version it trains on, the model it registers a version of, the model's architecture and the training
 * loop's configuration with every default written out, and the alias to promote. The API writes it when it queues a
 * run and the worker reads it when it claims one, both through this type, so the document has one shape:
 *
 * <pre>{@code
 * {"dataset": {"name": "movielens", "version": 3}, "model": "movielens-din",
 *  "architecture": {...}, "training": {..., "device": "AUTO", ...}, "promoteAlias": "production"}
 * }</pre>
 *
 * <p>The two configuration sections are din-core's records ({@code ArchitectureConfig}, {@code TrainingConfig}),
 * which the registry does not know: they are kept as JSON, written from the caller's records by {@link #of} and
 * read back into them by {@link #architecture(Class)} and {@link #training(Class)}, with the same mapper.
 *
 * <p>Reading accepts any stored document (every document queued so far has this form): a part it lacks is null,
 * and the worker fails that run with a clear reason instead of failing the claim.
 *
 * @param dataset      the dataset version the run trains on
 * @param model        the model the run registers a version of
 * @param architecture din-core's architecture configuration, every default filled in
 * @param training     din-core's training configuration, every default filled in
 * @param promoteAlias the alias to move to the new version when it beats the alias's version; null for none
 */
public record RunRequest(Dataset dataset, String model, JsonNode architecture, JsonNode training,
                         String promoteAlias) {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static final String DATASET = "dataset";
    private static final String DATASET_NAME = "name";
    private static final String DATASET_VERSION = "version";
    private static final String MODEL = "model";
    private static final String ARCHITECTURE = "architecture";
    private static final String TRAINING = "training";
    private static final String PROMOTE_ALIAS = "promoteAlias";

    /**
     * One dataset version, by name and number: the number is resolved when the run is queued, so a later version of
     * the dataset does not change what the run trains on.
     */
    public record Dataset(String name, int version) {
    }

    /** A complete request, the configuration sections written from din-core's records. */
    public static RunRequest of(Dataset dataset, String model, Object architecture, Object training,
                                String promoteAlias) {
        return new RunRequest(Objects.requireNonNull(dataset, DATASET), Objects.requireNonNull(model, MODEL),
                JSON.valueToTree(Objects.requireNonNull(architecture, ARCHITECTURE)),
                JSON.valueToTree(Objects.requireNonNull(training, TRAINING)), promoteAlias);
    }

    /** The request a stored document holds; see the class comment for documents that lack a part. */
    public static RunRequest fromJson(JsonNode document) {
        JsonNode dataset = document.path(DATASET);
        return new RunRequest(
                dataset.isObject() ? new Dataset(dataset.path(DATASET_NAME).asString(null),
                        dataset.path(DATASET_VERSION).asInt()) : null,
                document.path(MODEL).asString(null), section(document, ARCHITECTURE), section(document, TRAINING),
                document.path(PROMOTE_ALIAS).asString(null));
    }

    /** The document to store, and to show as the run's request. */
    public JsonNode toJson() {
        ObjectNode document = JSON.createObjectNode();
        if (dataset != null) {
            document.putObject(DATASET).put(DATASET_NAME, dataset.name()).put(DATASET_VERSION, dataset.version());
        }
        document.put(MODEL, model);
        document.set(ARCHITECTURE, architecture);
        document.set(TRAINING, training);
        if (promoteAlias != null) {
            document.put(PROMOTE_ALIAS, promoteAlias);
        }
        return document;
    }

    /**
     * The architecture section as the caller's record.
     *
     * @throws IllegalArgumentException naming the section when it is missing or the record refuses it
     */
    public <T> T architecture(Class<T> type) {
        return read(ARCHITECTURE, architecture, type);
    }

    /**
     * The training section as the caller's record.
     *
     * @throws IllegalArgumentException naming the section when it is missing or the record refuses it
     */
    public <T> T training(Class<T> type) {
        return read(TRAINING, training, type);
    }

    /**
     * Where a claim reads the device a run asks for: {@code training.device}, as a PostgreSQL path for
     * {@code request #>> path}.
     */
    static String devicePath() {
        return "{" + TRAINING + ",device}";
    }

    private static JsonNode section(JsonNode document, String name) {
        JsonNode section = document.path(name);
        return section.isObject() ? section : null;
    }

    private static <T> T read(String name, JsonNode section, Class<T> type) {
        if (section == null) {
            throw new IllegalArgumentException("the run request has no '" + name + "' section");
        }
        try {
            return JSON.treeToValue(section, type);
        } catch (RuntimeException e) {
            Throwable reason = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new IllegalArgumentException("the run request's '" + name + "' section is invalid: "
                    + reason.getMessage(), e);
        }
    }
}
