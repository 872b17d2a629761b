package io.dinplatform.worker.scoring;

import ai.djl.Device;
import io.dinplatform.registry.scoring.BatchPrediction;
import io.dinplatform.worker.lease.ActiveJobs;
import io.dinplatform.worker.lease.JobIdParameter;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * The batch predictions this worker scores right now, by id: the job's steps find theirs (lease, device, stop
 * signals) from the job parameter that names it.
 */
public class ActiveBatchPredictions extends ActiveJobs<ActiveBatchPrediction> {

    /** The name of the scoring job's parameter that names its prediction. */
    public static final String PREDICTION_ID_PARAMETER = "predictionId";

    /** The scoring job's parameter that names its prediction: the job instance is keyed by the prediction's id. */
    public static final JobIdParameter PREDICTION_ID = new JobIdParameter(PREDICTION_ID_PARAMETER);

    public ActiveBatchPredictions() {
        super("batch prediction");
    }

    /** Registers a prediction that this worker has claimed. */
    public ActiveBatchPrediction open(BatchPrediction claimed, Device device) {
        return register(new ActiveBatchPrediction(claimed, device, new ScoringControl(claimed.lease())));
    }

    /** The prediction a job execution scores: the job's instance is keyed by the prediction's id. */
    public ActiveBatchPrediction require(JobParameters parameters) {
        return require(PREDICTION_ID.in(parameters));
    }
}
