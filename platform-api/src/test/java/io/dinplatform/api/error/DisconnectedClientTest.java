package io.dinplatform.api.error;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.serving.TrainedModels;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that goes away before its answer (a load generator at its deadline, a closed tab), or half-way
 * through its body, costs the server no warning: the failed write or read is logged at debug under
 * {@code DisconnectedClients}, and the server answers the next client as usual.
 */
class DisconnectedClientTest extends PlatformApiTest {

    private static final String DISCONNECTED = "io.dinplatform.api.error.DisconnectedClients";

    @Autowired
    ArtifactStore artifacts;

    @Autowired
    ModelRepository models;

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private Level disconnectedLevel;

    @BeforeEach
    void listen() {
        events.start();
        logger(ApiExceptionHandler.class.getName()).addAppender(events);
        logger(DISCONNECTED).addAppender(events);
        disconnectedLevel = logger(DISCONNECTED).getLevel();
        logger(DISCONNECTED).setLevel(Level.DEBUG);
    }

    @AfterEach
    void stopListening() {
        logger(ApiExceptionHandler.class.getName()).detachAppender(events);
        logger(DISCONNECTED).detachAppender(events);
        logger(DISCONNECTED).setLevel(disconnectedLevel);
    }

    @Test
    void aClientGoneBeforeItsAnswerIsLoggedAtDebugWithoutAWarning() {
        resetConnectionsUntilADisconnectIsLogged(1.0, "HttpMessageNotWritableException");
    }

    @Test
    void aClientGoneHalfWayThroughItsBodyIsLoggedAtDebugWithoutAWarning() {
        resetConnectionsUntilADisconnectIsLogged(0.5, "HttpMessageNotReadableException");
    }

    /**
     * Sends predictions, each connection reset right after the given share of its body, until a disconnect of the
     * given kind is logged; then nothing but such debug lines was logged, and the next client is answered.
     */
    private void resetConnectionsUntilADisconnectIsLogged(double sent, String failure) {
        String model = "disconnect-" + UUID.randomUUID().toString().substring(0, 8);
        TrainedModels.register(artifacts, models, model, ModelType.DIN, 11);
        byte[] body = JsonMapper.shared().writeValueAsBytes(Map.of("instances", TrainedModels.instances(3, 200)));

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            sendAndReset(model, body, (int) (body.length * sent));
            return events.list.stream().anyMatch(event -> event.getLoggerName().equals(DISCONNECTED)
                    && event.getFormattedMessage().contains(failure));
        });

        assertThat(events.list).as("what the disconnects logged").allSatisfy(event -> {
            assertThat(event.getLoggerName()).isEqualTo(DISCONNECTED);
            assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
        });
        assertThat(http.post().uri("/api/v1/models/{name}/predict", model).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toBodilessEntity().getStatusCode().value()).as("the next client")
                .isEqualTo(200);
    }

    /** Sends the request with the first bytes of its body, then resets the connection at once. */
    private void sendAndReset(String model, byte[] body, int bytes) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port));
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/models/" + model + "/predict?explain=true HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                    + "Authorization: Bearer " + ADMIN_TOKEN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, bytes);
            out.flush();
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
    }
}
