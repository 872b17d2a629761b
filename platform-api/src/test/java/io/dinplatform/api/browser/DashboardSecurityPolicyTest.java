package io.dinplatform.api.browser;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.SamplesCsv;
import io.dinplatform.api.serving.TrainedModels;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard and Swagger UI under the Content-Security-Policy the platform sends, in a real headless Chromium:
 * every page of the dashboard, over a catalog with a dataset, a queued run, a sweep and a model with an alias,
 * loads and draws without a single violation reported to the page; and a violation, were there one, is seen.
 */
@EnabledIf(value = "io.dinplatform.api.browser.HeadlessChromium#installed",
        disabledReason = HeadlessChromium.NOT_INSTALLED)
class DashboardSecurityPolicyTest extends PlatformApiTest {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String DATASET = "policy-" + SUFFIX;
    private static final String MODEL = "policy-model-" + SUFFIX;

    private static Path profile;
    private static ChromeDriver browser;
    private static String runId;
    private static String sweepId;

    @LocalServerPort
    int port;

    @Autowired
    ArtifactStore artifacts;

    @Autowired
    ModelRepository models;

    private Dashboard dashboard;

    @BeforeAll
    static void startBrowser() {
        profile = HeadlessChromium.temporaryProfile();
        browser = HeadlessChromium.start(profile);
        // Swagger UI asks for the API document in the browser's language, and springdoc generates the document again
        // for each language, not always identically (a schema's description may move): the browser asks in the
        // server's default language, so that the one document every test of this shared context reads stays the
        // one CommittedDocumentTest compares with the committed file.
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Accept-Language", Locale.getDefault().toLanguageTag())));
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
    void catalogAndDashboard() {
        if (runId == null) {
            assertThat(upload(DATASET, SamplesCsv.SCHEMA, SamplesCsv.bytes(SamplesCsv.rows(40, 0)), "s.csv")
                    .getStatusCode().value()).isEqualTo(201);
            TrainedModels.register(artifacts, models, MODEL, ModelType.DIN, 3);
            assertThat(putJson("/api/v1/models/" + MODEL + "/aliases/production", "{\"version\": 1}")
                    .getStatusCode().value()).isEqualTo(200);
            runId = postJson("/api/v1/training-runs", "{\"dataset\": {\"name\": \"" + DATASET + "\"}, \"model\": \""
                    + MODEL + "\"}").getBody().get("id").asString();
            JsonNode sweep = postJson("/api/v1/sweeps", """
                    {"base": {"dataset": {"name": "%s"}, "model": "%s-swept"},
                     "space": {"training.optimizer.learningRate": {"type": "CHOICE", "values": [0.005, 0.02]}},
                     "algorithm": "GRID", "parallelism": 1}
                    """.formatted(DATASET, MODEL)).getBody();
            sweepId = sweep.get("id").asString();
        }
        dashboard = new Dashboard(browser, "http://localhost:" + port);
        dashboard.watchPolicyViolations();
        dashboard.useToken(ADMIN_TOKEN);
        dashboard.policyViolations();
    }

    @Test
    void everyDashboardPageLoadsWithoutAPolicyViolation() {
        List<String> pages = List.of("/", "/datasets", "/datasets/" + DATASET,
                "/datasets/" + DATASET + "/versions/1", "/runs", "/runs/new", "/runs/new?dataset=" + DATASET
                        + "&version=1", "/runs/" + runId, "/runs/compare?ids=" + runId, "/sweeps",
                "/sweeps/" + sweepId, "/models", "/models/" + MODEL, "/models/" + MODEL + "/versions/1",
                "/models/" + MODEL + "/compare", "/playground", "/playground?model=" + MODEL, "/audit",
                "/audit?subject=system", "/no-such-page");
        for (String page : pages) {
            // each page as its own document load, as a bookmark opens it
            browser.get("about:blank");
            dashboard.open(page);
            dashboard.waitForPage();
            assertThat(dashboard.policyViolations()).as("policy violations on #%s", page).isEmpty();
        }
    }

    @Test
    void swaggerUiShowsTheApiWithoutAPolicyViolation() {
        browser.get("http://localhost:" + port + "/swagger-ui.html");
        dashboard.waitUntil("Swagger UI to list the operations", Dashboard.PAGE_WAIT,
                ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock")));

        assertThat(browser.findElements(By.cssSelector(".opblock")).size()).isGreaterThan(10);
        assertThat(dashboard.policyViolations()).as("policy violations in Swagger UI").isEmpty();
    }

    @Test
    void inlineCodeIsRefusedAndTheRefusalIsSeen() {
        dashboard.open("/");
        dashboard.waitForPage();

        browser.executeScript("""
                document.body.setAttribute('style', 'background: red');
                const script = document.createElement('script');
                script.textContent = 'window.inlineRan = true;';
                document.body.appendChild(script);
                """);

        dashboard.waitUntil("the violations to be reported", Dashboard.PAGE_WAIT,
                d -> (Boolean) browser.executeScript(
                        "return (sessionStorage.getItem('din.test.policyViolations') || '').includes('script-src');"));
        assertThat(browser.executeScript("return window.inlineRan === true;")).isEqualTo(false);
        assertThat(dashboard.policyViolations()).anyMatch(v -> v.startsWith("style-src"))
                .anyMatch(v -> v.startsWith("script-src"));
    }
}
