package io.dinplatform.api.batch;

import io.dinplatform.api.dataset.DatasetVersions;
import io.dinplatform.api.serving.ServedVersionResolver;
import io.dinplatform.api.serving.cache.ServedVersion;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;
import io.dinplatform.registry.scoring.BatchPrediction;
import io.dinplatform.registry.scoring.BatchPredictionRepository;
import io.dinplatform.registry.scoring.NewBatchPrediction;
import io.dinplatform.api.error.ResourceNotFoundException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a batch prediction request against what exists and queues it. The model version is resolved here, once: an
 * alias that moves later does not change what this prediction scores with, even when a worker resumes it.
 */
@Service
public class BatchPredictionSubmissions {

    private final ServedVersionResolver modelVersions;
    private final ModelRepository models;
    private final DatasetVersions datasetVersions;
    private final BatchPredictionRepository predictions;
    private final BatchPredictionPartitioning partitioning;
    private final JsonMapper json;

    public BatchPredictionSubmissions(ServedVersionResolver modelVersions, ModelRepository models,
                                      DatasetVersions datasetVersions, BatchPredictionRepository predictions,
                                      BatchPredictionPartitioning partitioning, JsonMapper json) {
        this.modelVersions = modelVersions;
        this.models = models;
        this.datasetVersions = datasetVersions;
        this.predictions = predictions;
        this.partitioning = partitioning;
        this.json = json;
    }

    public BatchPrediction submit(BatchPredictionRequest request) {
        BatchPredictionRequest.ModelSelector selector = request.model();
        ServedVersion served = modelVersions.resolve(selector.name(),
                selector.version() == null ? null : selector.version().toString(), selector.alias());
        ModelVersion model = models.findVersion(served.model(), served.version()).orElseThrow(() ->
                new ResourceNotFoundException("model '" + served.model() + "' has no version " + served.version()));
        Integer datasetVersion = request.dataset().version();
        DatasetVersion dataset = datasetVersions.require(request.dataset().name(),
                datasetVersion == null ? "latest" : datasetVersion.toString());
        int partitions = partitioning.partitionsFor(request.partitions(), dataset.rows());
        ObjectNode stored = json.valueToTree(request);
        return predictions.create(new NewBatchPrediction(stored, model.id(), dataset.id(), dataset.rows(),
                partitions));
    }
}
