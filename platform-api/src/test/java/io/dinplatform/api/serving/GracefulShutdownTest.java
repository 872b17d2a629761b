package io.dinplatform.api.serving;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.dinplatform.api.PlatformApiApplication;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping platform-api while a prediction is being answered: the request in flight still gets its scores (the
 * server stops accepting, finishes what it has, and only then closes the model cache and the database).
 */
class GracefulShutdownTest {

    private static final String MODEL = "draining";
    private static final String TOKEN = "din-test-admin-token-0123456789abcdef";

    @TempDir
    Path dataDirectory;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS) // guards the build against a hang; nothing depends on speed
    void aPredictionInFlightIsAnsweredWhileThePlatformStops() throws Exception {
        ConfigurableApplicationContext platform = new SpringApplicationBuilder(PlatformApiApplication.class)
                .properties("server.port=0", "din.data-dir=" + dataDirectory, "din.worker.embedded=false",
                        "din.security.bootstrap-token=" + TOKEN, "spring.main.banner-mode=off",
                        // the request waits in the batcher for company: long enough to stop the platform meanwhile
                        "din.serving.max-queue-delay=3s")
                .run();
        CompletableFuture<HttpResponse<String>> answer;
        try {
            TrainedModels.register(platform.getBean(ArtifactStore.class), platform.getBean(ModelRepository.class),
                    MODEL, ModelType.DIN, 11);
            int port = ((WebServerApplicationContext) platform).getWebServer().getPort();
            String body = JsonMapper.shared().writeValueAsString(Map.of("instances", TrainedModels.instances(3, 2)));
            answer = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/v1/models/" + MODEL + "/predict"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            awaitARequestInFlight(platform);
        } finally {
            platform.close();
        }

        HttpResponse<String> response = answer.get();
        assertThat(response.statusCode()).as("answer %s", response.body()).isEqualTo(200);
        assertThat(JsonMapper.shared().readTree(response.body()).get("predictions")).hasSize(2);
        assertThat(Files.exists(dataDirectory)).isTrue();
    }

    /** Until one of Tomcat's request threads is busy with the prediction. */
    private static void awaitARequestInFlight(ConfigurableApplicationContext platform) throws InterruptedException {
        TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) platform).getWebServer();
        Connector connector = server.getTomcat().getConnector();
        ThreadPoolExecutor requests = (ThreadPoolExecutor) connector.getProtocolHandler().getExecutor();
        while (requests.getActiveCount() == 0) {
            Thread.sleep(10);
        }
    }
}
