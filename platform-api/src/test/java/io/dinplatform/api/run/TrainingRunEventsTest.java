package io.dinplatform.api.run;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.SamplesCsv;
import io.dinplatform.registry.run.RunEvent;
import io.dinplatform.registry.run.TrainingRunRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The live event stream of a run, read as a browser's fetch reads it: raw text/event-stream over HTTP. */
class TrainingRunEventsTest extends PlatformApiTest {

    /** Only guards against a stream that never ends hanging the build; no assertion depends on speed. */
    private static final long HANG_GUARD_SECONDS = 120;

    private final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    private int serverPort;

    @Autowired
    private TrainingRunRepository runs;

    @Autowired
    private JsonMapper json;

    @Autowired
    private RunEventStreams streams;

    private UUID run;

    @BeforeEach
    void queueARun() {
        String dataset = "events-" + UUID.randomUUID().toString().substring(0, 8);
        upload(dataset, SamplesCsv.SCHEMA, SamplesCsv.bytes(SamplesCsv.rows(10, 0)), "s.csv");
        JsonNode queued = postJson("/api/v1/training-runs",
                "{\"dataset\": {\"name\": \"" + dataset + "\"}, \"model\": \"events-model\"}").getBody();
        run = UUID.fromString(queued.get("id").asString());
    }

    @Test
    void anEndedRunStreamsEveryEventThenItsStatusAndEnds() throws Exception {
        List<RunEvent> written = writeEventsOfAFailedRun();

        HttpResponse<String> response = await(client.sendAsync(eventsRequest(null),
                HttpResponse.BodyHandlers.ofString()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(parse(response.body())).as("the whole stream, which ended")
                .containsExactly(sent(written.get(0)), sent(written.get(1)), sent(written.get(2)),
                        status("{\"status\": \"FAILED\", \"error\": \"worker lost\"}"));
    }

    @Test
    void aReconnectingReaderGetsOnlyTheEventsAfterLastEventId() throws Exception {
        List<RunEvent> written = writeEventsOfAFailedRun();

        HttpResponse<String> response = await(client.sendAsync(
                eventsRequest(Long.toString(written.get(1).id())), HttpResponse.BodyHandlers.ofString()));

        assertThat(response.statusCode()).isEqualTo(200);
        List<Sse> events = parse(response.body());
        assertThat(events).extracting(Sse::event).containsExactly("metric", "status");
        assertThat(events.get(0)).isEqualTo(sent(written.get(2)));
    }

    @Test
    @Timeout(value = HANG_GUARD_SECONDS, unit = TimeUnit.SECONDS)
    void eventsWrittenWhileTheStreamIsOpenArriveAndTheEndOfTheRunEndsIt() throws Exception {
        RunEvent before = runs.appendEvent(run, "stage", json.readTree("{\"stage\": \"loading\"}"));

        HttpResponse<Stream<String>> response = await(client.sendAsync(eventsRequest(null),
                HttpResponse.BodyHandlers.ofLines()));
        Iterator<String> lines = response.body().iterator();

        assertThat(nextEvent(lines)).isEqualTo(sent(before));
        assertThat(nextEvent(lines)).isEqualTo(status("{\"status\": \"QUEUED\"}"));
        RunEvent during = runs.appendEvent(run, "progress", json.readTree("{\"epoch\": 1, \"loss\": 0.61}"));
        assertThat(nextEvent(lines)).isEqualTo(sent(during));
        runs.markFailed(run, "worker lost");
        assertThat(nextEvent(lines)).isEqualTo(
                status("{\"status\": \"FAILED\", \"error\": \"worker lost\"}"));
        assertThat(lines.hasNext()).as("the stream ends with the run").isFalse();
    }

    @Test
    // a separate thread: a read blocked on a stream that never ends does not notice an interrupt
    @Timeout(value = HANG_GUARD_SECONDS, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aStoppingServerEndsItsOpenStreamsForTheirReadersToReconnect() throws Exception {
        HttpResponse<Stream<String>> response = await(client.sendAsync(eventsRequest(null),
                HttpResponse.BodyHandlers.ofLines()));
        Iterator<String> lines = response.body().iterator();
        assertThat(nextEvent(lines)).isEqualTo(status("{\"status\": \"QUEUED\"}"));

        // The run stays queued (no worker here): only the stop can end its stream.
        streams.stop();
        try {
            assertThat(nextEvent(lines)).as("the stream ended, cleanly").isNull();
            HttpResponse<String> whileStopping = await(client.sendAsync(eventsRequest(null),
                    HttpResponse.BodyHandlers.ofString()));
            assertThat(whileStopping.statusCode()).isEqualTo(200);
            assertThat(parse(whileStopping.body())).as("a stream asked for while stopping ends at once").isEmpty();
        } finally {
            streams.start();
        }
    }

    @Test
    void anUnknownRunIsNotFound() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(eventsUri(UUID.randomUUID()))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + ADMIN_TOKEN).build();

        HttpResponse<String> response = await(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(response.body()).get("detail").asString()).contains("does not exist");
    }

    /** A stage, a progress point and a metric, then the run fails: what a worker that died mid-run leaves. */
    private List<RunEvent> writeEventsOfAFailedRun() {
        List<RunEvent> written = List.of(
                runs.appendEvent(run, "stage", json.readTree("{\"stage\": \"training\"}")),
                runs.appendEvent(run, "progress", json.readTree("{\"epoch\": 1, \"step\": 40, \"loss\": 0.58}")),
                runs.appendEvent(run, "metric", json.readTree("{\"split\": \"validation\", \"auc\": 0.71}")));
        assertThat(runs.markFailed(run, "worker lost")).isTrue();
        return written;
    }

    private HttpRequest eventsRequest(String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(eventsUri(run)).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + ADMIN_TOKEN);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return request.build();
    }

    private URI eventsUri(UUID id) {
        return URI.create("http://localhost:" + serverPort + "/api/v1/training-runs/" + id + "/events");
    }

    /** What the stream must carry for a stored event. */
    private static Sse sent(RunEvent event) {
        return new Sse(Long.toString(event.id()), event.type(), event.payload());
    }

    /** A status change: it has no id, as it is no stored event and a reader resumes after stored events only. */
    private Sse status(String data) {
        return new Sse(null, "status", json.readTree(data));
    }

    private List<Sse> parse(String body) {
        List<Sse> events = new ArrayList<>();
        Iterator<String> lines = body.lines().iterator();
        for (Sse event = nextEvent(lines); event != null; event = nextEvent(lines)) {
            events.add(event);
        }
        return events;
    }

    /** The next event of a text/event-stream (its fields up to a blank line), or null at the end of the stream. */
    private Sse nextEvent(Iterator<String> lines) {
        String id = null;
        String type = null;
        String data = null;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (data != null) {
                    return new Sse(id, type, json.readTree(data));
                }
                continue;
            }
            int colon = line.indexOf(':');
            String value = line.substring(colon + 1).replaceFirst("^ ", "");
            switch (line.substring(0, colon)) {
                case "id" -> id = value;
                case "event" -> type = value;
                case "data" -> data = data == null ? value : data + "\n" + value;
                default -> throw new AssertionError("unexpected field in '" + line + "'");
            }
        }
        assertThat(data).as("an event cut off at the end of the stream").isNull();
        return null;
    }

    private static <T> T await(CompletableFuture<T> response)
            throws InterruptedException, ExecutionException, TimeoutException {
        return response.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
    }

    /** One server-sent event, its data parsed: JSON objects are equal whatever their key order. */
    private record Sse(String id, String event, JsonNode data) {
    }
}
