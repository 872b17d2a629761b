package io.dinplatform.worker.steps;

import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.train.TrainingConfig;
import io.dinplatform.registry.run.RunRequest;
import io.dinplatform.worker.lease.PermanentJobFailure;

/**
 * What a run trains: the configuration sections of its {@link RunRequest} read into din-core's records. Every
 * default was written out when the run was queued, so this is exactly what was validated then; a request that no
 * longer reads fails the run for good, since no retry can fix it.
 *
 * @param architecture the model
 * @param training     the training loop
 */
public record RunSpec(ArchitectureConfig architecture, TrainingConfig training) {

    public static RunSpec of(RunRequest request) {
        try {
            return new RunSpec(request.architecture(ArchitectureConfig.class),
                    request.training(TrainingConfig.class));
        } catch (IllegalArgumentException e) {
            throw new PermanentJobFailure(e.getMessage(), e);
        }
    }
}
