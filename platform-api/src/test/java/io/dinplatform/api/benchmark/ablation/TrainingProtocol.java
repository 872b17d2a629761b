package io.dinplatform.api.benchmark.ablation;

import java.util.List;

import io.dinplatform.core.train.RegularizationType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every run of the ablation shares (the README's MovieLens protocol): embeddings of 18, attention 80-40, MLP
 * 200-80, Adam at 0.005, batch 256, the best epoch selected on validation GAUC; λ where MBA is on is the sweep's.
 *
 * @param epochs    the most epochs of a run
 * @param mbaLambda λ of the configurations with MBA ({@link #PAPER_MBA_LAMBDA} unless the command says otherwise)
 */
record TrainingProtocol(int epochs, double mbaLambda) {

    static final int EMBEDDING_DIM = 18;
    static final List<Integer> ATTENTION_UNITS = List.of(80, 40);
    static final List<Integer> MLP_UNITS = List.of(200, 80);
    static final double LEARNING_RATE = 0.005;
    static final int BATCH_SIZE = 256;
    static final double PAPER_MBA_LAMBDA = 0.01;

    TrainingProtocol {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, not " + epochs);
        }
        if (!(mbaLambda >= 0)) {
            throw new IllegalArgumentException("the MBA λ must be zero or positive, not " + mbaLambda);
        }
    }

    /** The body of {@code POST /api/v1/training-runs} for one configuration and seed. */
    ObjectNode runRequest(AblationConfiguration configuration, DatasetRef dataset, String model, long seed) {
        ObjectNode request = JsonMapper.shared().createObjectNode();
        request.putObject("dataset").put("name", dataset.name()).put("version", dataset.version());
        request.put("model", model);
        ObjectNode architecture = request.putObject("architecture")
                .put("type", configuration.type().name()).put("embeddingDim", EMBEDDING_DIM);
        ObjectNode attention = architecture.putObject("attention").put("activation", configuration.activation().name());
        ATTENTION_UNITS.forEach(attention.putArray("hiddenUnits")::add);
        ObjectNode mlp = architecture.putObject("mlp").put("activation", configuration.activation().name());
        MLP_UNITS.forEach(mlp.putArray("hiddenUnits")::add);
        ObjectNode training = request.putObject("training").put("epochs", epochs).put("batchSize", BATCH_SIZE)
                .put("seed", seed).put("selectionMetric", "GAUC");
        training.putObject("optimizer").put("type", "ADAM").put("learningRate", LEARNING_RATE);
        boolean mba = configuration.regularization() == RegularizationType.MBA;
        training.putObject("regularization").put("type", configuration.regularization().name())
                .put("lambda", mba ? mbaLambda : 0.0);
        return request;
    }

    /** A registered dataset version. */
    record DatasetRef(String name, int version) {
    }
}
