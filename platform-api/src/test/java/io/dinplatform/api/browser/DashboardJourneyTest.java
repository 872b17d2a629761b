package io.dinplatform.api.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.dinplatform.api.MultipartForm;
import io.dinplatform.api.PlatformApiApplication;
import io.dinplatform.api.TestHttp;
import io.dinplatform.core.data.synthetic.SyntheticConfig;
import io.dinplatform.core.data.synthetic.SyntheticDataGenerator;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real headless Chromium against the whole running platform: the API, the embedded PostgreSQL
 * and an embedded training worker that trains for real with DJL. A person's journey from a CSV file to a model that
 * serves in production and shows why it scored a candidate the way it did, and the error a bad file gets. Every step
 * saves a screenshot (see {@link Screenshots}).
 *
 * <p>Without Chromium the class is skipped before the platform starts, and every test is reported as skipped.
 */
@EnabledIf(value = "io.dinplatform.api.browser.HeadlessChromium#installed",
        disabledReason = HeadlessChromium.NOT_INSTALLED)
@SpringBootTest(classes = PlatformApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"din.worker.embedded=true", "din.worker.device=CPU", "din.worker.poll-interval=200ms",
                "din.security.bootstrap-token=" + DashboardJourneyTest.TOKEN,
                "din.worker.progress-every-steps=5"})
class DashboardJourneyTest {

    /** The admin token the person pastes into the dashboard, and the test's own client sends. */
    static final String TOKEN = "din-browser-test-token-0123456789abcdef";

    /** 200 users with 5 impressions each: big enough to train and evaluate, small enough to train in seconds. */
    private static final SyntheticConfig SAMPLES = new SyntheticConfig(200, 60, 6, 2, 8, 5, 0.1, 7);

    /** Ratings of MovieLens 100K's u.data the titles journey trains on: enough users for every split, trained in seconds. */
    private static final int MOVIELENS_RATINGS = 5_000;

    /** A run waits for the worker to claim it, to load the engine, to train, evaluate and register. */
    private static final Duration TRAINING_WAIT = Duration.ofMinutes(5);

    private static final Path DATA_DIR = temporaryDirectory("din-browser-test-");

    private static Path profile;
    private static ChromeDriver browser;

    @TempDir
    static Path files;

    @LocalServerPort
    int port;

    private Dashboard dashboard;
    private Screenshots screenshots;
    private RestClient api;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("din.data-dir", DATA_DIR::toString);
    }

    @BeforeAll
    static void startBrowser() {
        profile = HeadlessChromium.temporaryProfile();
        browser = HeadlessChromium.start(profile);
    }

    @AfterAll
    static void quitBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile);
        }
    }

    @BeforeEach
    void openDashboard(TestInfo test) {
        String baseUrl = "http://localhost:" + port;
        dashboard = new Dashboard(browser, baseUrl);
        screenshots = new Screenshots(test.getTestMethod().orElseThrow().getName());
        dashboard.watchPolicyViolations();
        dashboard.useToken(TOKEN);
        api = TestHttp.builder().baseUrl(baseUrl).defaultHeader("Authorization", "Bearer " + TOKEN).build();
    }

    /** The whole journey ran under the platform's Content-Security-Policy without the browser refusing anything. */
    @AfterEach
    void noPolicyViolation() {
        assertThat(dashboard.policyViolations()).as("Content-Security-Policy violations").isEmpty();
    }

    @Test
    void aCsvBecomesAModelThatServesInProductionAndShowsItsAttention() {
        String dataset = uniqueName("journey");
        String model = dataset + "-din";
        Samples samples = writeSamples("samples.csv", "");

        step("overview", this::overviewShowsTheHealthOfThePlatform);
        step("dataset-uploaded", () -> uploadShowsTheVersionWithItsStatistics(dataset, samples));
        String runId = step("run-succeeded", () -> launchedRunSucceeds(dataset, model));
        step("production-alias-moved", () -> productionAliasMovesToTheNewVersion(model));
        step("playground-attention", () -> playgroundScoresAUserPickedFromTheDataset(model, dataset));
        step("overview-after-training", () -> overviewShowsTheRunAndTheWorkerThatTrainedIt(model));
        List<String> pages = List.of("/", "/datasets", "/datasets/" + dataset, "/datasets/" + dataset + "/versions/1",
                "/runs", "/runs/new", "/runs/" + runId, "/models", "/models/" + model,
                "/models/" + model + "/versions/1", "/models/" + model + "/compare", "/playground?model=" + model,
                "/audit");
        step("desktop-layout", () -> pagesFitTheScreen("desktop", pages));
        HeadlessChromium.emulatePhone(browser, HeadlessChromium.PHONE_WIDTH, HeadlessChromium.PHONE_HEIGHT);
        try {
            step("phone-layout", () -> pagesFitTheScreen("phone", pages));
            step("phone-playground", () -> playgroundScoresAUserPickedFromTheDataset(model, dataset));
        } finally {
            HeadlessChromium.endPhoneEmulation(browser);
        }

        step("finished-run-curves", () -> finishedRunDrawsItsStoredCurves(runId));
        step("compare-runs", () -> twoRunsCompareWithTheirDifferenceMarked(runId, dataset, model));
        step("sweep-page", () -> aSweepShowsItsTrialsAndTheirObjective(dataset, model));
        step("online-metrics", () -> onlinePageShowsTheImpressionsThePlaygroundServed(model));

        assertThat(api.get().uri("/api/v1/training-runs/{id}", runId).retrieve().body(JsonNode.class)
                .get("modelVersion").get("name").asString()).isEqualTo(model);
    }

    /**
     * MovieLens built through the API from its raw files (the first ratings of u.data, all of u.item) and trained
     * for one short epoch: the playground names the movies by their u.item titles, with the id on hover.
     */
    @Test
    void aMovieLensModelNamesItsMoviesByTitleInThePlayground() throws IOException {
        String shared = System.getProperty("din.shared.dir");
        Path movieLens = shared == null ? null : Path.of(shared, "data", "movielens-100k");
        boolean present = movieLens != null && Files.isRegularFile(movieLens.resolve("u.data"))
                && Files.isRegularFile(movieLens.resolve("u.item"));
        if (!present) {
            System.err.println("SKIPPED the MovieLens titles journey: MovieLens 100K not found at " + movieLens);
        }
        assumeTrue(present, "MovieLens 100K is not available at " + movieLens);
        String dataset = uniqueName("movielens");
        String model = dataset + "-din";
        byte[] firstRatings = String.join("\n", Files.readAllLines(movieLens.resolve("u.data")).subList(0,
                MOVIELENS_RATINGS)).getBytes(StandardCharsets.UTF_8);
        JsonNode built = api.post().uri("/api/v1/datasets/builds").contentType(MediaType.MULTIPART_FORM_DATA)
                .body(new MultipartForm().field("name", dataset).field("protocol", "RATING_THRESHOLD")
                        .field("format", "MOVIELENS").file("interactions", firstRatings, "u.data")
                        .file("items", Files.readAllBytes(movieLens.resolve("u.item")), "u.item").parts())
                .retrieve().body(JsonNode.class);
        assertThat(built.get("items").asInt()).isEqualTo(1_682);
        String runId = api.post().uri("/api/v1/training-runs").contentType(MediaType.APPLICATION_JSON).body("""
                        {"dataset": {"name": "%s", "version": 1}, "model": "%s",
                         "architecture": {"embeddingDim": 8, "attention": {"hiddenUnits": [16, 8]},
                                          "mlp": {"hiddenUnits": [32, 16]}},
                         "training": {"epochs": 1, "batchSize": 256, "device": "CPU"}}
                        """.formatted(dataset, model))
                .retrieve().body(JsonNode.class).get("id").asString();

        step("movielens-run-succeeded", () -> {
            dashboard.open("/runs/" + runId);
            String status = dashboard.waitUntil("the run to finish", TRAINING_WAIT, d -> finishedStatus());
            assertThat(status).as("run %s ended with: %s", runId, failureReason()).isEqualTo("SUCCEEDED");
        });
        step("playground-titles", () -> {
            dashboard.open("/playground?model=" + model + "&version=1");
            dashboard.type("playground-context-user_id", "1");
            dashboard.type("playground-history-hist_item_id", "50 1");
            dashboard.type("playground-history-hist_cate_id", "Action Animation");
            // item 1 is Toy Story, whose first genre is Animation; item 50 is Star Wars (Action)
            dashboard.type("playground-candidates", "1, Animation\n50, Action");
            dashboard.click("playground-score");

            List<WebElement> candidates = dashboard.findAll("ranked-candidate");
            assertThat(candidates).extracting(WebElement::getText)
                    .containsExactlyInAnyOrder("Toy Story (1995)", "Star Wars (1977)");
            WebElement toyStory = candidates.stream().filter(c -> c.getText().equals("Toy Story (1995)"))
                    .findFirst().orElseThrow();
            assertThat(toyStory.getDomAttribute("title")).as("the id on hover").isEqualTo("1 · Animation");
            assertThat(dashboard.findAll("heatmap-item")).extracting(WebElement::getText)
                    .containsExactly("Star Wars (1977)", "Toy Story (1995)");
            dashboard.scrollTo("ranked-table");
        });

        String batchId = api.post().uri("/api/v1/batch-predictions").contentType(MediaType.APPLICATION_JSON)
                .body("{\"model\": {\"name\": \"%s\", \"version\": 1}, \"dataset\": {\"name\": \"%s\", \"version\": 1}}"
                        .formatted(model, dataset))
                .retrieve().body(JsonNode.class).get("id").asString();
        Map<String, String> titles = movieLensTitles(movieLens.resolve("u.item"));
        step("batch-result-titles", () -> {
            dashboard.waitUntil("the batch prediction to finish", TRAINING_WAIT, d -> api.get()
                    .uri("/api/v1/batch-predictions/{id}", batchId).retrieve().body(JsonNode.class).get("status")
                    .asString().equals("SUCCEEDED") ? Boolean.TRUE : null);
            dashboard.open("/batch-predictions/" + batchId);
            List<WebElement> items = dashboard.findAll("batch-result-item");
            assertThat(items).isNotEmpty().allSatisfy(item -> assertThat(item.getText()).as("the title of item %s",
                    item.getDomAttribute("title")).isEqualTo(titles.get(item.getDomAttribute("title"))));
        });
    }

    /** u.item's titles by movie id, trimmed as the build reads them. */
    private static Map<String, String> movieLensTitles(Path items) throws IOException {
        return Files.readAllLines(items, StandardCharsets.ISO_8859_1).stream().filter(line -> !line.isBlank())
                .map(line -> line.split("\\|", 3))
                .collect(Collectors.toMap(fields -> fields[0].trim(), fields -> fields[1].trim()));
    }

    @Test
    void aBadCsvShowsTheRowAndColumnThatThePlatformRefused() {
        String dataset = uniqueName("bad");
        Samples samples = writeSamples("bad-label.csv", "u999,i1,c1,i2|i3,c2|c3,2,train\n");
        long badRow = samples.rows();

        step("bad-upload-refused", () -> {
            fillUploadForm(dataset, samples);
            dashboard.click("upload-submit");

            String errors = dashboard.text("upload-problem-errors");
            assertThat(errors).contains("row " + badRow).contains("column label");
            assertThat(dashboard.text("upload-problem")).contains("422");
            assertThat(dashboard.route()).as("the form stays open for a corrected file").isEqualTo("/datasets");
            dashboard.scrollTo("upload-problem");
        });
        int status = api.get().uri("/api/v1/datasets/{name}/versions/latest", dataset)
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(status).as("status of the dataset after the refused upload").isEqualTo(404);
    }

    // --- the journey's steps ---

    private void overviewShowsTheHealthOfThePlatform() {
        dashboard.open("/");

        assertThat(dashboard.text("health-status")).isEqualTo("UP");
        assertThat(dashboard.find("count-datasets").getText()).contains("datasets");
        assertThat(dashboard.find("count-runs").getText()).contains("training runs");
    }

    private void uploadShowsTheVersionWithItsStatistics(String dataset, Samples samples) {
        fillUploadForm(dataset, samples);
        dashboard.attach("upload-items", writeFile("items.csv", "id,title\ni1,The first item\ni2,The second item\n"));
        screenshots.save(browser, "upload-form-filled");
        dashboard.click("upload-submit");

        dashboard.waitUntil("the version page", Dashboard.PAGE_WAIT,
                d -> dashboard.route().equals("/datasets/" + dataset + "/versions/1"));
        assertThat(statValue("stat-rows")).isEqualTo(String.format(Locale.US, "%,d", samples.rows()));
        assertThat(statValue("stat-positive-rate"))
                .isEqualTo(String.format(Locale.ROOT, "%.2f %%", 100.0 * samples.positives() / samples.rows()));
        assertThat(dashboard.find("history-length-chart").isDisplayed()).isTrue();
        assertThat(dashboard.find("positive-rate-chart").isDisplayed()).isTrue();
        assertThat(dashboard.text("dataset-sha256")).matches("[0-9a-f]{64}");
        assertThat(statValue("stat-items")).as("the items file, registered with the version").isEqualTo("2");
    }

    private String launchedRunSucceeds(String dataset, String model) {
        dashboard.open("/runs/new?dataset=" + dataset + "&version=1");
        dashboard.type("run-model", model);
        dashboard.type("run-embeddingDim", "8");
        dashboard.type("run-attentionHiddenUnits", "16, 8");
        dashboard.type("run-mlpHiddenUnits", "32, 16");
        dashboard.type("run-epochs", "2");
        dashboard.type("run-batchSize", "64");
        dashboard.type("run-learningRate", "0.01");
        dashboard.choose("run-device", "CPU");
        screenshots.save(browser, "launch-form-filled");
        dashboard.click("launch-submit");

        String runId = dashboard.waitUntil("the run page", Dashboard.PAGE_WAIT,
                d -> dashboard.route().matches("/runs/[0-9a-f-]{36}") ? dashboard.route().substring(6) : null);
        String status = dashboard.waitUntil("the run to finish", TRAINING_WAIT, d -> finishedStatus());
        assertThat(status).as("run %s ended with: %s", runId, failureReason()).isEqualTo("SUCCEEDED");
        dashboard.waitUntil("the registered model version", Dashboard.PAGE_WAIT,
                d -> dashboard.text("run-model-version").equals(model + " v1"));
        assertThat(Double.parseDouble(dashboard.text("run-auc"))).isBetween(0.0, 1.0);
        assertThat(Double.parseDouble(dashboard.text("run-logloss"))).isPositive();
        assertThat(dashboard.text("run-device")).containsIgnoringCase("cpu");
        return runId;
    }

    private void productionAliasMovesToTheNewVersion(String model) {
        dashboard.open("/models/" + model);
        dashboard.type("alias-name", "production");
        dashboard.choose("alias-version", "1");
        dashboard.click("alias-move");

        assertThat(dashboard.find("confirm-dialog").getText()).contains("production").contains("v1");
        screenshots.save(browser, "alias-confirmation");
        dashboard.click("confirm-ok");

        assertThat(dashboard.text("alias-moved")).isEqualTo("production now points at v1.");
        dashboard.waitUntil("the alias in the version table", Dashboard.PAGE_WAIT,
                d -> dashboard.shows("version-alias") && dashboard.text("version-alias").equals("production"));
        JsonNode registered = api.get().uri("/api/v1/models/{name}", model).retrieve().body(JsonNode.class);
        assertThat(registered.get("aliases").get("production").asInt()).isEqualTo(1);
    }

    private void playgroundScoresAUserPickedFromTheDataset(String model, String dataset) {
        JsonNode user = aUserWithAHistory(dataset);
        List<String> items = strings(user.get("features").get("hist_item_id"));
        dashboard.open("/playground?model=" + model);
        assertThat(new Select(dashboard.find("playground-version")).getFirstSelectedOption().getText())
                .isEqualTo("production (v1)");
        assertThat(new Select(dashboard.find("pick-dataset")).getFirstSelectedOption().getText())
                .as("the dataset the model was trained on comes first").isEqualTo(dataset);
        dashboard.choose("pick-user", user.get("userId").asString());
        dashboard.click("pick-use");

        assertThat(dashboard.text("playground-filled-from")).contains(user.get("userId").asString());
        assertThat(dashboard.find("playground-context-user_id").getDomProperty("value"))
                .isEqualTo(user.get("userId").asString());
        assertThat(dashboard.find("playground-history-hist_item_id").getDomProperty("value"))
                .isEqualTo(String.join(" ", items));
        assertThat(dashboard.find("playground-history-hist_cate_id").getDomProperty("value"))
                .isEqualTo(String.join(" ", strings(user.get("features").get("hist_cate_id"))));
        assertThat(dashboard.find("playground-candidates").getDomProperty("value"))
                .as("the candidate of the user's latest row")
                .isEqualTo(user.get("features").get("item_id").asString() + ", "
                        + user.get("features").get("cate_id").asString());
        // Items are dealt to categories round-robin (item i is in category i mod 6).
        dashboard.type("playground-candidates", "i18, c0\ni3, c3\ni13, c1");
        dashboard.click("playground-score");

        assertThat(dashboard.text("playground-served-by")).isEqualTo("Served by " + model + " v1");
        List<Double> scores = dashboard.findAll("ranked-score").stream()
                .map(WebElement::getText).map(Double::parseDouble).toList();
        assertThat(scores).hasSize(3).allSatisfy(score -> assertThat(score).isBetween(0.0, 1.0));
        assertThat(scores).as("best first").isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(dashboard.findAll("heatmap-row")).hasSize(3);
        List<Double> weights = dashboard.findAll("heatmap-cell").stream()
                .map(cell -> Double.parseDouble(cell.getDomAttribute("data-weight"))).toList();
        assertThat(weights).as("one weight per candidate and history item").hasSize(3 * items.size());
        assertThat(weights).as("attention that is not all zero").anySatisfy(w -> assertThat(w).isNotZero());
        assertThat(dashboard.horizontalOverflow()).as("horizontal overflow of the playground").isNull();
        dashboard.scrollTo("attention-heatmap");
    }

    /** Every page at the current screen size: it loads, nothing sticks out sideways, and a screenshot shows it. */
    private void pagesFitTheScreen(String screen, List<String> pages) {
        for (String page : pages) {
            dashboard.open(page);
            dashboard.waitForPage();
            String overflow = dashboard.horizontalOverflow();
            screenshots.save(browser, screen + (page.equals("/") ? "-overview" : page.replaceAll("[^A-Za-z0-9]+", "-")));
            assertThat(overflow).as("horizontal overflow of #%s on the %s screen", page, screen).isNull();
            assertThat(dashboard.policyViolations()).as("policy violations on #%s", page).isEmpty();
        }
    }

    /** The first listed user of the dataset whose latest row has a history (as the user picker lists them). */
    private JsonNode aUserWithAHistory(String dataset) {
        JsonNode users = api.get().uri("/api/v1/datasets/{name}/versions/1/users", dataset).retrieve()
                .body(JsonNode.class);
        return users.get("users").valueStream()
                .map(u -> api.get().uri("/api/v1/datasets/{name}/versions/1/users/{id}", dataset,
                        u.get("userId").asString()).retrieve().body(JsonNode.class))
                .filter(u -> u.get("historyLength").asInt() > 0)
                .findFirst().orElseThrow(() -> new AssertionError("no user of " + dataset + " has a history"));
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private void overviewShowsTheRunAndTheWorkerThatTrainedIt(String model) {
        dashboard.open("/");

        WebElement run = dashboard.waitUntil("the run in the recent runs", Dashboard.PAGE_WAIT,
                d -> dashboard.findAll("run-row").stream().filter(row -> row.getText().contains(model))
                        .findFirst().orElse(null));
        assertThat(run.findElement(Dashboard.byTestId("run-status")).getDomAttribute("data-status"))
                .isEqualTo("SUCCEEDED");
        assertThat(dashboard.findAll("worker-device")).extracting(WebElement::getText).contains("CPU");
        assertThat(dashboard.text("health-status")).isEqualTo("UP");
    }

    /** Opened after the run ended, the page has no live events to draw from: the curves come from the history. */
    private void finishedRunDrawsItsStoredCurves(String runId) {
        dashboard.open("/runs/" + runId);
        WebElement loss = dashboard.waitUntil("the stored loss curve", Dashboard.PAGE_WAIT,
                d -> dashboard.shows("loss-chart") ? dashboard.find("loss-chart") : null);
        assertThat(loss.getText()).matches("(?s).*Training loss \\(\\d+ points\\).*");
        assertThat(loss.findElements(By.cssSelector("path.recharts-line-curve"))).as("a drawn line").isNotEmpty();
        assertThat(dashboard.shows("validation-chart")).as("the validation curve").isTrue();
    }

    /** The playground's rankings were served impressions: the model's online page counts them and draws their CTR. */
    private void onlinePageShowsTheImpressionsThePlaygroundServed(String model) {
        dashboard.open("/models/" + model);
        dashboard.click("model-online");
        WebElement totals = dashboard.waitUntil("the logged impressions", Dashboard.PAGE_WAIT,
                d -> dashboard.shows("online-totals") ? dashboard.find("online-totals") : null);
        List<WebElement> cells = totals.findElements(By.cssSelector("tbody tr:first-child td"));
        assertThat(cells.get(0).getText()).startsWith("v1 · ");
        assertThat(Long.parseLong(cells.get(1).getText())).as("impressions logged").isPositive();
        // one window so far: a point on the chart (a line needs two)
        assertThat(dashboard.find("online-ctr").findElements(
                By.cssSelector("path.recharts-line-curve, circle.recharts-dot"))).as("the CTR drawn").isNotEmpty();
    }

    /** A second run like the first but for its learning rate, then both compared from the list of runs. */
    private void twoRunsCompareWithTheirDifferenceMarked(String firstRunId, String dataset, String model) {
        String request = """
                {"dataset": {"name": "%s"}, "model": "%s",
                 "architecture": {"embeddingDim": 8, "attention": {"hiddenUnits": [16, 8]},
                                  "mlp": {"hiddenUnits": [32, 16]}},
                 "training": {"epochs": 2, "batchSize": 64, "optimizer": {"learningRate": 0.02}, "device": "CPU"}}
                """.formatted(dataset, model);
        String secondRunId = api.post().uri("/api/v1/training-runs").contentType(MediaType.APPLICATION_JSON)
                .body(request).retrieve().body(JsonNode.class).get("id").asString();
        dashboard.waitUntil("the second run to succeed", TRAINING_WAIT, d -> "SUCCEEDED".equals(api.get()
                .uri("/api/v1/training-runs/{id}", secondRunId).retrieve().body(JsonNode.class).get("status")
                .asString()) ? true : null);

        dashboard.open("/runs");
        assertThat(dashboard.shows("compare-runs-hint")).isTrue();
        for (String id : List.of(firstRunId, secondRunId)) {
            dashboard.waitUntil("the run in the list", Dashboard.PAGE_WAIT, d -> dashboard.findAll("run-row").stream()
                    .filter(row -> row.getText().contains(id.substring(0, 8))).findFirst().orElse(null))
                    .findElement(Dashboard.byTestId("run-compare-box")).click();
        }
        dashboard.click("compare-runs-link");

        dashboard.waitUntil("the comparison", Dashboard.PAGE_WAIT, d -> dashboard.shows("compare-loss-chart"));
        assertThat(dashboard.route()).startsWith("/runs/compare?ids=");
        assertThat(dashboard.findAll("compare-runs-row")).hasSize(2);
        assertThat(dashboard.find("compare-loss-chart").findElements(By.cssSelector("path.recharts-line-curve")))
                .as("one line per run").hasSize(2);
        assertThat(dashboard.shows("compare-gauc-chart")).isTrue();
        assertThat(dashboard.findAll("compare-runs-differs")).extracting(WebElement::getText)
                .anySatisfy(row -> assertThat(row).contains("training.optimizer.learningRate").contains("0.02"));
    }

    /** A two-trial grid through the API, followed on its page until it has ended with a best trial. */
    private void aSweepShowsItsTrialsAndTheirObjective(String dataset, String model) {
        String sweep = """
                {"base": {"dataset": {"name": "%s"}, "model": "%s-swept",
                          "architecture": {"embeddingDim": 8, "attention": {"hiddenUnits": [16, 8]},
                                           "mlp": {"hiddenUnits": [32, 16]}},
                          "training": {"epochs": 2, "batchSize": 64, "device": "CPU"}},
                 "space": {"training.optimizer.learningRate": {"type": "CHOICE", "values": [0.005, 0.02]}},
                 "algorithm": "GRID", "parallelism": 2}
                """.formatted(dataset, model);
        String id = api.post().uri("/api/v1/sweeps").contentType(MediaType.APPLICATION_JSON).body(sweep).retrieve()
                .body(JsonNode.class).get("id").asString();

        dashboard.open("/runs");
        dashboard.click("sweeps-link");
        dashboard.waitUntil("the sweep in the list", Dashboard.PAGE_WAIT, d -> dashboard.findAll("sweep-row").stream()
                .filter(row -> row.getText().contains(id.substring(0, 8))).findFirst().orElse(null))
                .findElement(Dashboard.byTestId("sweep-link")).click();
        dashboard.waitUntil("the sweep to end", TRAINING_WAIT.multipliedBy(2),
                d -> dashboard.shows("sweep-status") && !dashboard.text("sweep-status").equals("RUNNING"));

        assertThat(dashboard.text("sweep-status")).isEqualTo("SUCCEEDED");
        assertThat(dashboard.findAll("sweep-trial")).hasSize(2);
        assertThat(dashboard.text("sweep-best")).startsWith("#");
        assertThat(dashboard.find("sweep-objective-chart").findElements(By.cssSelector("path.recharts-line-curve")))
                .isNotEmpty();
        assertThat(dashboard.find("sweep-field-chart").findElements(By.cssSelector(".recharts-scatter-symbol")))
                .as("one point per trial").hasSize(2);
    }

    // --- helpers ---

    private void fillUploadForm(String dataset, Samples samples) {
        dashboard.open("/datasets");
        dashboard.type("upload-name", dataset);
        dashboard.attach("upload-file", samples.file());
        dashboard.type("schema-input", samples.schemaJson());
        assertThat(dashboard.text("schema-valid")).startsWith("Valid schema");
    }

    private String statValue(String testId) {
        return dashboard.find(testId).findElement(By.className("stat-value")).getText();
    }

    /** The run's status once it is final, else null (keep waiting). */
    private String finishedStatus() {
        String status = dashboard.find("run-status").getDomAttribute("data-status");
        return List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(status) ? status : null;
    }

    private String failureReason() {
        return dashboard.shows("run-error") ? dashboard.text("run-error") : "no reason shown";
    }

    /** Runs one step of a journey and saves a screenshot of where it ended, also (marked FAILED) when it fails. */
    private <T> T step(String name, StepBody<T> body) {
        try {
            T result = body.run();
            screenshots.save(browser, name);
            return result;
        } catch (RuntimeException | AssertionError failure) {
            try {
                screenshots.save(browser, name + "-FAILED");
            } catch (RuntimeException screenshotFailure) {
                failure.addSuppressed(screenshotFailure);
            }
            throw failure;
        }
    }

    private void step(String name, Runnable body) {
        step(name, () -> {
            body.run();
            return null;
        });
    }

    @FunctionalInterface
    private interface StepBody<T> {
        T run();
    }

    /** A samples file written with the synthetic generator, followed by {@code extraRows} as they are. */
    private static Samples writeSamples(String fileName, String extraRows) {
        Path file = files.resolve(fileName);
        try (OutputStream out = Files.newOutputStream(file)) {
            FeatureSchema schema = SyntheticDataGenerator.write(SAMPLES, out);
            out.write(extraRows.getBytes(StandardCharsets.UTF_8));
            return Samples.read(file, FeatureSchemaJson.toJson(schema));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeFile(String fileName, String content) {
        try {
            return Files.writeString(files.resolve(fileName), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A samples CSV on disk, its schema, and the counts the version page must show. */
    private record Samples(Path file, String schemaJson, long rows, long positives) {

        static Samples read(Path file, String schemaJson) throws IOException {
            List<String> lines = Files.readAllLines(file);
            List<String> header = List.of(lines.get(0).split(","));
            int label = header.indexOf("label");
            List<String> rows = lines.subList(1, lines.size());
            long positives = rows.stream().filter(row -> row.split(",", -1)[label].equals("1")).count();
            return new Samples(file, schemaJson, rows.size(), positives);
        }
    }

    private static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
