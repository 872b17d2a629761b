package io.dinplatform.api.run;

import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.train.TrainingConfig;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shape of a run's {@code request} as the run shows it: the request with every default filled in (din-core's
 * configuration records, as the worker reads them) and the dataset version resolved.
 *
 * @param dataset      the dataset version it trains on
 * @param model        the model it registers a version of
 * @param architecture the architecture, every default filled in
 * @param training     the training loop's configuration, every default filled in
 * @param promoteAlias the alias to promote, if any
 */
@Schema(name = "StoredRunRequest", requiredProperties = {"dataset", "model", "architecture", "training"})
public record StoredRunRequest(TrainingRunView.VersionRef dataset, String model, ArchitectureConfig architecture,
                               TrainingConfig training, String promoteAlias) {
}
