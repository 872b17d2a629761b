package io.dinplatform.api.run;

import io.dinplatform.api.ResourceNames;
import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.run.NewTrainingRun;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.registry.run.TrainingRunRepository;
import io.dinplatform.worker.steps.ModelRegistration;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a run request against what exists and queues it. The stored request is the complete one: the dataset
 * version resolved to a number, and din-core's configuration with every default filled in.
 */
@Service
public class TrainingRunQueue {

    private final DatasetRepository datasets;
    private final TrainingRunRepository runs;
    private final JsonMapper json;
    private final RunLimits limits;

    public TrainingRunQueue(DatasetRepository datasets, TrainingRunRepository runs, JsonMapper json,
                            RunLimits limits) {
        this.datasets = datasets;
        this.runs = runs;
        this.json = json;
        this.limits = limits;
    }

    public TrainingRun enqueue(TrainingRunRequest request) {
        if (request.promoteAlias() != null) {
            // The pattern was checked with the other fields; this adds the reserved names.
            ResourceNames.requireValidAlias(ModelRegistration.PROMOTE_ALIAS, request.promoteAlias());
        }
        limits.check(request);
        RunConfiguration configuration = configuration(request);
        limits.check(configuration);
        DatasetVersion dataset = dataset(request.dataset());
        ObjectNode stored = json.createObjectNode();
        stored.putObject("dataset").put("name", dataset.name()).put("version", dataset.version());
        stored.put("model", request.model());
        stored.set("architecture", json.valueToTree(configuration.architecture()));
        stored.set("training", json.valueToTree(configuration.training()));
        if (request.promoteAlias() != null) {
            stored.put(ModelRegistration.PROMOTE_ALIAS, request.promoteAlias());
        }
        return runs.create(new NewTrainingRun(request.model(), stored, dataset.id()));
    }

    private static RunConfiguration configuration(TrainingRunRequest request) {
        try {
            return RunConfiguration.from(request);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    private DatasetVersion dataset(TrainingRunRequest.DatasetSelector selector) {
        String name = selector.name();
        if (selector.version() == null) {
            return datasets.findLatestVersion(name)
                    .orElseThrow(() -> new ResourceNotFoundException("dataset '" + name + "' does not exist"));
        }
        return datasets.findVersion(name, selector.version())
                .orElseThrow(() -> new ResourceNotFoundException(datasets.findLatestVersion(name).isPresent()
                        ? "dataset '" + name + "' has no version " + selector.version()
                        : "dataset '" + name + "' does not exist"));
    }
}
