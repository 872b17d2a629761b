package io.dinplatform.api.run;

import io.dinplatform.api.ResourceNames;
import io.dinplatform.api.error.FieldError;
import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.api.security.PrincipalName;
import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.core.train.TrainingConfig;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.run.NewTrainingRun;
import io.dinplatform.registry.run.RunRequest;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.registry.run.TrainingRunRepository;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a run request against what exists and queues it. The stored {@link RunRequest} is the complete one: the
 * dataset version resolved to a number, and din-core's configuration with every default filled in.
 */
@Service
public class TrainingRunQueue {

    private final DatasetRepository datasets;
    private final TrainingRunRepository runs;
    private final RunLimits limits;

    public TrainingRunQueue(DatasetRepository datasets, TrainingRunRepository runs, RunLimits limits) {
        this.datasets = datasets;
        this.runs = runs;
        this.limits = limits;
    }

    public TrainingRun enqueue(TrainingRunRequest request) {
        return runs.create(prepare(request));
    }

    /**
     * Checks a request as {@link #enqueue} does and returns the run it would queue, queueing nothing (a sweep checks
     * the runs its search space can produce before it starts).
     */
    public NewTrainingRun prepare(TrainingRunRequest request) {
        if (request.promoteAlias() != null) {
            // The pattern was checked with the other fields; this adds the reserved names.
            ResourceNames.requireValidAlias("promoteAlias", request.promoteAlias());
        }
        limits.check(request);
        ArchitectureConfig architecture;
        TrainingConfig training;
        try {
            architecture = request.architectureConfig();
            training = request.trainingConfig();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        limits.check(architecture, training);
        DatasetVersion dataset = dataset(request.dataset());
        requireCategoricalFeatures(training.idDropout().keySet(), dataset);
        RunRequest stored = RunRequest.of(new RunRequest.Dataset(dataset.name(), dataset.version()), request.model(),
                architecture, training, request.promoteAlias());
        return new NewTrainingRun(request.model(), stored, dataset.id(), PrincipalName.current());
    }

    /** {@code training.idDropout} names categorical features of the dataset's schema, each one an error otherwise. */
    private static void requireCategoricalFeatures(Set<String> features, DatasetVersion dataset) {
        if (features.isEmpty()) {
            return;
        }
        FeatureSchema schema = FeatureSchemaJson.fromTree(dataset.schema());
        List<FieldError> errors = features.stream()
                .filter(name -> schema.feature(name).map(f -> f.kind() != FeatureKind.CATEGORICAL).orElse(true))
                .map(name -> new FieldError("training.idDropout." + name, "dataset '" + dataset.name()
                        + "' version " + dataset.version() + " has no categorical feature '" + name + "'"))
                .toList();
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors.stream().map(e -> e.field() + ": " + e.reason())
                    .collect(Collectors.joining("; ")), errors);
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
