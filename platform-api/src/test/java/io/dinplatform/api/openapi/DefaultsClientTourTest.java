package io.dinplatform.api.openapi;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.dinplatform.api.EmbeddedWorkerApiTest;
import io.dinplatform.api.SamplesCsv;
import org.junit.jupiter.api.Test;
import org.openapitools.client.ApiClient;
import org.openapitools.client.ApiException;
import org.openapitools.client.api.BatchPredictionsApi;
import org.openapitools.client.api.DatasetsApi;
import org.openapitools.client.api.ModelsApi;
import org.openapitools.client.api.PredictionsApi;
import org.openapitools.client.api.TokensApi;
import org.openapitools.client.api.TrainingRunsApi;
import org.openapitools.client.model.AliasUpdate;
import org.openapitools.client.model.Architecture;
import org.openapitools.client.model.BatchPredictionRequest;
import org.openapitools.client.model.BatchPredictionView;
import org.openapitools.client.model.DatasetSelector;
import org.openapitools.client.model.DatasetVersionView;
import org.openapitools.client.model.Mlp;
import org.openapitools.client.model.ModelSelector;
import org.openapitools.client.model.NewTokenRequest;
import org.openapitools.client.model.PredictionRequest;
import org.openapitools.client.model.PredictionResponse;
import org.openapitools.client.model.Problem;
import org.openapitools.client.model.RankRequest;
import org.openapitools.client.model.RankResponse;
import org.openapitools.client.model.TokenView;
import org.openapitools.client.model.Training;
import org.openapitools.client.model.TrainingRunRequest;
import org.openapitools.client.model.TrainingRunView;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The README's API tour through the client that openapi-generator makes from the committed document with its
 * defaults and nothing configured (module platform-client-defaults: okhttp and Gson, which check every answer
 * against the document's schemas as they read it), against the standalone platform. Since CommittedDocumentTest
 * holds the committed file equal to the served {@code /v3/api-docs}, this is the client a newcomer would generate from
 * the running server: what it cannot do is a fault of the document, not of a generator's settings.
 */
class DefaultsClientTourTest extends EmbeddedWorkerApiTest {

    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final Path DATA_DIR = temporaryDirectory("din-defaults-client-test-");
    private static final Path REFERENCED_DIR = temporaryDirectory("din-defaults-client-referenced-");
    private static final Map<String, Object> USER = Map.of("user_id", "u1", "hist_item_id", List.of("i102", "i103"),
            "hist_cate_id", List.of("c2", "c3"));

    @LocalServerPort
    int serverPort;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("din.data-dir", DATA_DIR::toString);
        registry.add("din.datasets.references.local-directory", () -> REFERENCED_DIR.toString());
    }

    @Test
    void theClientOfTheDocumentAloneDrivesTheWholeTour() throws Exception {
        ApiClient client = connect(TOKEN);
        DatasetsApi datasets = new DatasetsApi(client);
        TrainingRunsApi runs = new TrainingRunsApi(client);
        ModelsApi models = new ModelsApi(client);
        PredictionsApi predictions = new PredictionsApi(client);
        BatchPredictionsApi batchPredictions = new BatchPredictionsApi(client);
        TokensApi tokens = new TokensApi(client);

        DatasetVersionView uploaded = datasets.uploadDataset("defaults-clicks", SamplesCsv.SCHEMA,
                file("samples.csv", SamplesCsv.rows(400, 0, 40)), null, null);
        assertThat(uploaded.getVersion()).isEqualTo(1);
        Path parts = Files.createDirectories(REFERENCED_DIR.resolve("clicks-2026-12-01"));
        Files.writeString(parts.resolve("part-00000.csv"), SamplesCsv.rows(30, 1));
        Files.writeString(parts.resolve("part-00001.csv"), SamplesCsv.rows(20, 2));
        DatasetVersionView referenced = datasets.uploadDataset("defaults-clicks", SamplesCsv.SCHEMA, null, null,
                "local:clicks-2026-12-01");
        assertThat(referenced.getVersion()).isEqualTo(2);
        assertThat(referenced.getRows()).as("every file the reference names").isEqualTo(50);
        DatasetVersionView built = datasets.buildDataset(
                file("interactions.csv", "user,item,timestamp\nu1,B01,1\nu1,B02,2\nu1,B03,3\nu2,B04,1\nu2,B01,2\n"),
                file("items.csv", "item,category\nB01,Bags\nB02,Cables\nB03,Cameras\nB04,Bags\n"),
                "defaults-catalogue", "NEXT_ITEM", "CSV", null, null, null, null, null);
        assertThat(built.getRows()).isPositive();

        TrainingRunView queued = runs.queueTrainingRun(new TrainingRunRequest()
                .dataset(new DatasetSelector().name("defaults-clicks").version(1)).model("defaults-din")
                .architecture(new Architecture().type(Architecture.TypeEnum.DIN).embeddingDim(4)
                        .mlp(new Mlp().hiddenUnits(List.of(8))))
                .training(new Training().epochs(1).batchSize(64).seed(7L))
                .promoteAlias("production"));
        assertThat(queued.getStatus()).isEqualTo(TrainingRunView.StatusEnum.QUEUED);
        TrainingRunView run = awaitEnd(() -> runs.getTrainingRun(queued.getId()), view -> view.getStatus().getValue());
        assertThat(run.getStatus()).isEqualTo(TrainingRunView.StatusEnum.SUCCEEDED);
        assertThat(run.getMetrics().getSamples()).isPositive();
        assertThat(run.getModelVersion().getVersion()).isEqualTo(1);

        assertThat(models.moveAlias("defaults-din", "staging", new AliasUpdate().version(1)).getAliases())
                .contains("staging", "production");

        PredictionResponse predicted = predictions.predict("defaults-din", new PredictionRequest()
                .instances(List.of(instance("i101", "c1"))).explain(true), null, "production");
        assertThat(predicted.getPredictions()).hasSize(1);
        assertThat(predicted.getPredictions().get(0).getScore()).isBetween(0.0, 1.0);
        RankResponse ranked = predictions.rank("defaults-din", new RankRequest().context(USER)
                .candidates(List.of(Map.of("item_id", "i101", "cate_id", "c1"),
                        Map.of("item_id", "i120", "cate_id", "c0"))).topK(1), null, null);
        assertThat(ranked.getRanked()).hasSize(1);

        BatchPredictionView submitted = batchPredictions.submitBatchPrediction(new BatchPredictionRequest()
                .model(new ModelSelector().name("defaults-din").alias("production"))
                .dataset(new DatasetSelector().name("defaults-clicks").version(1)).partitions(2));
        BatchPredictionView scored = awaitEnd(() -> batchPredictions.getBatchPrediction(submitted.getId()),
                view -> view.getStatus().getValue());
        assertThat(scored.getStatus()).isEqualTo(BatchPredictionView.StatusEnum.SUCCEEDED);
        File scores = batchPredictions.downloadBatchPredictionResult(submitted.getId());
        List<String> lines = Files.readAllLines(scores.toPath());
        Files.delete(scores.toPath()); // the client downloads into a temporary file of its own, the caller's to delete
        assertThat(lines).hasSize(401).first().asString().startsWith("row,group,item,score,label");

        TokenView token = tokens.createToken(new NewTokenRequest().name("defaults scoring").scopes(List.of("predict")));
        assertThat(token.getToken()).startsWith("din_");
        tokens.revokeToken(token.getId());
        assertThat(tokens.getToken(token.getId()).getActive()).isFalse();

        ApiException missing = catchThrowableOfType(ApiException.class,
                () -> runs.getTrainingRun(UUID.randomUUID()));
        assertThat(missing.getCode()).isEqualTo(404);
        assertThat(Problem.fromJson(missing.getResponseBody()).getType()).isEqualTo("/problems/not-found");
        ApiException revoked = catchThrowableOfType(ApiException.class,
                () -> new ModelsApi(connect(token.getToken())).getModel("defaults-din"));
        assertThat(revoked.getCode()).isEqualTo(401);
        assertThat(Problem.fromJson(revoked.getResponseBody()).getStatus()).isEqualTo(401);
    }

    private ApiClient connect(String token) {
        ApiClient client = new ApiClient().setBasePath("http://localhost:" + serverPort);
        client.setBearerToken(token);
        return client;
    }

    private static Map<String, Object> instance(String item, String category) {
        Map<String, Object> instance = new HashMap<>(USER);
        instance.put("item_id", item);
        instance.put("cate_id", category);
        return instance;
    }

    private static File file(String name, String content) throws IOException {
        Path file = DATA_DIR.resolve("upload-" + UUID.randomUUID()).resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8).toFile();
    }

    /** A read of the generated client, which reports an error answer as an {@link ApiException}. */
    @FunctionalInterface
    private interface Read<T> {
        T read() throws ApiException;
    }

    private static <T> T awaitEnd(Read<T> read, Function<T, String> status) throws ApiException {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> status.apply(read.read()).matches("SUCCEEDED|FAILED|CANCELLED"));
        return read.read();
    }
}
