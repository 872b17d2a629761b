package io.dinplatform.api.openapi;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.dinplatform.api.EmbeddedWorkerApiTest;
import io.dinplatform.api.SamplesCsv;
import io.dinplatform.client.DinPlatformClient;
import io.dinplatform.client.ProblemException;
import io.dinplatform.client.model.AliasUpdate;
import io.dinplatform.client.model.Architecture;
import io.dinplatform.client.model.BatchPredictionRequest;
import io.dinplatform.client.model.BatchPredictionView;
import io.dinplatform.client.model.DatasetSelector;
import io.dinplatform.client.model.DatasetVersionView;
import io.dinplatform.client.model.ModelSelector;
import io.dinplatform.client.model.Mlp;
import io.dinplatform.client.model.NewTokenRequest;
import io.dinplatform.client.model.PredictionRequest;
import io.dinplatform.client.model.PredictionResponse;
import io.dinplatform.client.model.RankRequest;
import io.dinplatform.client.model.RankResponse;
import io.dinplatform.client.model.TokenView;
import io.dinplatform.client.model.Training;
import io.dinplatform.client.model.TrainingRunRequest;
import io.dinplatform.client.model.TrainingRunView;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The README's API tour through the Java client generated from the committed OpenAPI document (module
 * platform-client), against the standalone platform (its embedded worker trains and scores for real): upload and
 * build datasets, queue a run and wait for it, move an alias, predict, rank, submit a batch prediction and download
 * its scores, run the README's Java example ({@link ReadmeJavaExample}), create and revoke a token; an error answer
 * arrives as a {@link ProblemException}.
 */
class ClientTourTest extends EmbeddedWorkerApiTest {

    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final Path DATA_DIR = temporaryDirectory("din-client-test-");
    private static final Map<String, Object> USER = Map.of("user_id", "u1", "hist_item_id", List.of("i102", "i103"),
            "hist_cate_id", List.of("c2", "c3"));

    @LocalServerPort
    int serverPort;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("din.data-dir", DATA_DIR::toString);
    }

    @Test
    void theClientDrivesTheWholeTour() throws IOException {
        DinPlatformClient din = DinPlatformClient.connect(URI.create("http://localhost:" + serverPort), TOKEN);

        File samples = file("samples.csv", SamplesCsv.rows(400, 0, 40));
        File interactions = file("interactions.csv",
                "user,item,timestamp\nu1,B01,1\nu1,B02,2\nu1,B03,3\nu2,B04,1\nu2,B01,2\n");
        File items = file("items.csv", "item,category\nB01,Bags\nB02,Cables\nB03,Cameras\nB04,Bags\n");

        File titles = file("titles.csv", "id,title,category\ni101,The first,c1\n");

        DatasetVersionView uploaded = din.call(() -> din.datasets().uploadDataset("clicks",
                SamplesCsv.SCHEMA, samples, titles, null));
        assertThat(uploaded.getVersion()).isEqualTo(1);
        assertThat(uploaded.getItems()).isEqualTo(1);
        assertThat(din.call(() -> din.datasets().listDatasetItems("clicks", "1", List.of("i101"), null, null))
                .getItems().get(0).getTitle()).isEqualTo("The first");
        DatasetVersionView built = din.call(() -> din.datasets().buildDataset(interactions, items,
                "client-catalogue", "NEXT_ITEM", "CSV", null, null, null, null, null));
        assertThat(built.getRows()).isPositive();

        TrainingRunView queued = din.call(() -> din.trainingRuns().queueTrainingRun(new TrainingRunRequest()
                .dataset(new DatasetSelector().name("clicks")).model("clicks-din")
                .architecture(new Architecture().type(Architecture.TypeEnum.DIN).embeddingDim(4)
                        .mlp(new Mlp().hiddenUnits(List.of(8))))
                .training(new Training().epochs(1).batchSize(64).seed(7L))
                .promoteAlias("production")));
        assertThat(queued.getStatus()).isEqualTo(TrainingRunView.StatusEnum.QUEUED);
        TrainingRunView run = awaitEnd(() -> din.call(() -> din.trainingRuns().getTrainingRun(queued.getId())),
                view -> view.getStatus().getValue());
        assertThat(run.getStatus()).isEqualTo(TrainingRunView.StatusEnum.SUCCEEDED);
        assertThat(run.getMetrics().getSamples()).isPositive();
        assertThat(run.getModelVersion().getVersion()).isEqualTo(1);

        assertThat(din.call(() -> din.models().moveAlias("clicks-din", "staging", new AliasUpdate().version(1)))
                .getAliases()).contains("staging", "production");

        PredictionResponse predicted = din.call(() -> din.predictions().predict("clicks-din", new PredictionRequest()
                .instances(List.of(instance("i101", "c1"))).explain(true), null, "production"));
        assertThat(predicted.getPredictions()).hasSize(1);
        assertThat(predicted.getPredictions().get(0).getScore()).isBetween(0.0, 1.0);
        RankResponse ranked = din.call(() -> din.predictions().rank("clicks-din", new RankRequest().context(USER)
                .candidates(List.of(Map.of("item_id", "i101", "cate_id", "c1"),
                        Map.of("item_id", "i120", "cate_id", "c0"))).topK(1), null, null));
        assertThat(ranked.getRanked()).hasSize(1);

        BatchPredictionView submitted = din.call(() -> din.batchPredictions().submitBatchPrediction(
                new BatchPredictionRequest().model(new ModelSelector().name("clicks-din").alias("production"))
                        .dataset(new DatasetSelector().name("clicks")).partitions(2)));
        BatchPredictionView scored = awaitEnd(() -> din.call(() -> din.batchPredictions().getBatchPrediction(
                submitted.getId())), view -> view.getStatus().getValue());
        assertThat(scored.getStatus()).isEqualTo(BatchPredictionView.StatusEnum.SUCCEEDED);
        File scores = din.call(() -> din.batchPredictions().downloadBatchPredictionResult(submitted.getId()));
        List<String> lines = Files.readAllLines(scores.toPath());
        Files.delete(scores.toPath()); // the client downloads into a temporary file of its own, the caller's to delete
        assertThat(lines).hasSize(401).first().asString().startsWith("row,group,item,score,label");

        TrainingRunView retrained = ReadmeJavaExample.run(URI.create("http://localhost:" + serverPort), TOKEN);
        assertThat(awaitEnd(() -> din.call(() -> din.trainingRuns().getTrainingRun(retrained.getId())),
                view -> view.getStatus().getValue()).getModelVersion().getVersion()).as("the README's run")
                .isEqualTo(2);

        TokenView token = din.call(() -> din.tokens().createToken(new NewTokenRequest().name("client scoring")
                .scopes(List.of("predict"))));
        assertThat(token.getToken()).startsWith("din_");
        din.run(() -> din.tokens().revokeToken(token.getId()));
        assertThat(din.call(() -> din.tokens().getToken(token.getId())).getActive()).isFalse();

        ProblemException missing = catchThrowableOfType(ProblemException.class,
                () -> din.call(() -> din.trainingRuns().getTrainingRun(UUID.randomUUID())));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.type()).isEqualTo("/problems/not-found");
        DinPlatformClient withRevokedToken = DinPlatformClient.connect(URI.create("http://localhost:" + serverPort),
                token.getToken());
        ProblemException revoked = catchThrowableOfType(ProblemException.class,
                () -> withRevokedToken.call(() -> withRevokedToken.models().getModel("clicks-din")));
        assertThat(revoked.status()).isEqualTo(401);
    }

    private static Map<String, Object> instance(String item, String category) {
        Map<String, Object> instance = new java.util.HashMap<>(USER);
        instance.put("item_id", item);
        instance.put("cate_id", category);
        return instance;
    }

    private static File file(String name, String content) throws IOException {
        Path file = DATA_DIR.resolve("upload-" + UUID.randomUUID()).resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8).toFile();
    }

    private static <T> T awaitEnd(Supplier<T> read, java.util.function.Function<T, String> status) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> status.apply(read.get()).matches("SUCCEEDED|FAILED|CANCELLED"));
        return read.get();
    }
}
