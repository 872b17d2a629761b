package io.dinplatform.api.openapi;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dinplatform.client.DinPlatformClient;
import io.dinplatform.client.ProblemException;
import io.dinplatform.client.model.AliasUpdate;
import io.dinplatform.client.model.DatasetSelector;
import io.dinplatform.client.model.PredictionRequest;
import io.dinplatform.client.model.PredictionResponse;
import io.dinplatform.client.model.Training;
import io.dinplatform.client.model.TrainingRunRequest;
import io.dinplatform.client.model.TrainingRunView;

/**
 * The README's Java example (section 'REST API', "From Java"): the lines between the markers are the README's
 * snippet, character for character once unindented (ReadmeJavaExampleTest holds them equal), so the README shows code
 * that compiles; ClientTourTest runs it against the platform, once the tour has trained version 1 of
 * {@code clicks-din} on {@code clicks}.
 */
final class ReadmeJavaExample {

    private ReadmeJavaExample() {
    }

    /** @return the run the example queues, which the caller waits for */
    static TrainingRunView run(URI platform, String token) {
        // README begin
        DinPlatformClient din = DinPlatformClient.connect(platform, token);
        TrainingRunView run = din.call(() -> din.trainingRuns().queueTrainingRun(new TrainingRunRequest()
                .dataset(new DatasetSelector().name("clicks")).model("clicks-din")
                .training(new Training().epochs(1)).promoteAlias("candidate")));
        din.call(() -> din.models().moveAlias("clicks-din", "production", new AliasUpdate().version(1)));
        PredictionResponse scores = din.call(() -> din.predictions().predict("clicks-din", new PredictionRequest()
                .instances(List.of(Map.of("user_id", "u1", "item_id", "i101", "cate_id", "c1",
                        "hist_item_id", List.of("i102", "i103"), "hist_cate_id", List.of("c2", "c3")))),
                null, "production"));
        System.out.println("score " + scores.getPredictions().get(0).getScore() + ", run " + run.getId() + " queued");
        try {
            din.call(() -> din.trainingRuns().getTrainingRun(UUID.randomUUID()));
        } catch (ProblemException e) {
            System.out.println(e.status() + " " + e.type() + ": " + e.detail());   // 404 /problems/not-found: ...
        }
        // README end
        return run;
    }
}
