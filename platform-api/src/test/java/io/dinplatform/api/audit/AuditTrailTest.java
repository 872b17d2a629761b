package io.dinplatform.api.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import io.dinplatform.api.EmbeddedWorkerApiTest;
import io.dinplatform.api.MultipartForm;
import io.dinplatform.api.SamplesCsv;
import io.dinplatform.api.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log over real HTTP against the standalone platform (its embedded worker trains): a tour of changes by a
 * write token, an admin and callers without a valid token, and the entries it leaves, read back through
 * {@code GET /api/v1/audit} and its filters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailTest extends EmbeddedWorkerApiTest {

    private static final Path DATA_DIR = temporaryDirectory("din-audit-test-");
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final String ADMIN = "token:bootstrap";
    private static final String MODEL = "audited-din";

    @LocalServerPort
    int serverPort;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditRetention retention;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** What the tour did, for the tests to compare the log with. */
    private String writerId;
    private String writerSecret;
    private String writer;
    private String trainedRun;
    private String cancelledRun;
    private Instant tourStart;
    private ResponseEntity<JsonNode> writerReadingTheLog;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("din.data-dir", DATA_DIR::toString);
    }

    @BeforeAll
    void tour() {
        http = TestHttp.client(serverPort, TOKEN);
        RestClient admin = http;
        RestClient anonymous = TestHttp.builder().baseUrl("http://localhost:" + serverPort)
                .defaultStatusHandler(status -> true, (request, response) -> {
                    // every status is asserted below
                }).build();
        tourStart = Instant.now().minusSeconds(1);

        JsonNode issued = status(admin.post().uri("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\": \"audited writer\", \"scopes\": [\"read\", \"write\"]}").retrieve()
                .toEntity(JsonNode.class), 201);
        writerId = issued.get("id").asString();
        writerSecret = issued.get("token").asString();
        writer = "token:" + writerId;
        RestClient writerClient = TestHttp.client(serverPort, writerSecret);

        status(writerClient.post().uri("/api/v1/datasets").contentType(MediaType.MULTIPART_FORM_DATA)
                .body(new MultipartForm().field("name", "audited-clicks").json("schema", SamplesCsv.SCHEMA)
                        .file("file", SamplesCsv.gzip(SamplesCsv.rows(400, 0, 40)), "samples.csv.gz").parts())
                .retrieve().toEntity(JsonNode.class), 201);
        trainedRun = queue(writerClient, 202).get("id").asString();
        // queued while the worker trains the first run, so that it is cancelled before any worker claims it
        cancelledRun = queue(writerClient, 202).get("id").asString();
        assertThat(status(writerClient.post().uri("/api/v1/training-runs/" + cancelledRun + "/cancel").retrieve()
                .toEntity(JsonNode.class), 200).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(awaitFinal("/api/v1/training-runs/" + trainedRun, WAIT).get("status").asString())
                .isEqualTo("SUCCEEDED");
        status(writerClient.put().uri("/api/v1/models/" + MODEL + "/aliases/staging")
                .contentType(MediaType.APPLICATION_JSON).body("{\"version\": 1}").retrieve()
                .toEntity(JsonNode.class), 200);

        writerReadingTheLog = writerClient.get().uri("/api/v1/audit").retrieve().toEntity(JsonNode.class);
        status(writerClient.post().uri("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\": \"escalation\", \"scopes\": [\"admin\"]}").retrieve().toEntity(JsonNode.class), 403);
        queue(anonymous, 401);
        status(admin.delete().uri("/api/v1/tokens/" + writerId).retrieve().toEntity(JsonNode.class), 204);
        queue(writerClient, 401);
    }

    @Test
    void theWriterTokensChangesAreRecordedInItsNameWithTheWorkersOnes() {
        assertThat(lines(page("subject=" + writer))).containsExactly(
                "dataset.registered dataset audited-clicks version 1 SUCCESS 201",
                "run.queued training-run " + trainedRun + " - SUCCESS 202",
                "run.queued training-run " + cancelledRun + " - SUCCESS 202",
                "run.cancelled training-run " + cancelledRun + " - SUCCESS 200",
                "version.registered model " + MODEL + " version 1 (run " + trainedRun + ") SUCCESS -",
                "alias.moved model " + MODEL + " alias production to version 1 SUCCESS -",
                "alias.moved model " + MODEL + " alias staging SUCCESS 200",
                "token.created token - - REFUSED 403");
    }

    @Test
    void theAdminsTokenChangesAndTheRefusedAttemptsWithoutAValidToken() {
        assertThat(lines(page("subject=" + ADMIN))).containsExactly(
                "token.created token " + writerId + " - SUCCESS 201",
                "token.revoked token " + writerId + " - SUCCESS 204");
        assertThat(lines(page("subject=anonymous"))).as("no token, then the revoked one").containsExactly(
                "run.queued training-run - - REFUSED 401",
                "run.queued training-run - - REFUSED 401");
    }

    @Test
    void anEntrySaysWhenItWasRecordedAndTheLogHoldsNoSecret() {
        JsonNode entries = page("").get("entries");
        assertThat(entries).hasSize(12);
        for (JsonNode entry : entries) {
            Instant at = Instant.parse(entry.get("recordedAt").asString());
            assertThat(at).isAfterOrEqualTo(tourStart.truncatedTo(ChronoUnit.SECONDS)).isBeforeOrEqualTo(Instant.now());
        }
        String all = jdbc.sql("SELECT string_agg(audit_log::text, ' ') FROM audit_log").query(String.class).single();
        String secretPart = writerSecret.substring(writerSecret.lastIndexOf('_'));
        assertThat(all).doesNotContain(writerSecret).doesNotContain(secretPart).doesNotContain(TOKEN);
    }

    @Test
    void filtersByResourceAndTimeApplyTogether() {
        assertThat(lines(page("resourceType=training-run&resource=" + cancelledRun))).containsExactly(
                "run.queued training-run " + cancelledRun + " - SUCCESS 202",
                "run.cancelled training-run " + cancelledRun + " - SUCCESS 200");
        assertThat(lines(page("resourceType=token&subject=" + ADMIN + "&resource=" + writerId))).hasSize(2);
        assertThat(page("to=" + tourStart).get("entries")).as("nothing before the tour").isEmpty();
        assertThat(page("from=" + tourStart + "&to=" + Instant.now().plusSeconds(60)).get("entries")).hasSize(12);
    }

    @Test
    void pagesFollowEachOtherWithoutGapOrOverlap() {
        List<Long> all = ids(page("limit=100"));
        List<Long> paged = new ArrayList<>();
        JsonNode page = page("limit=5");
        while (true) {
            paged.addAll(ids(page));
            if (page.get("nextBefore").isNull()) {
                break;
            }
            page = page("limit=5&before=" + page.get("nextBefore").asLong());
        }
        assertThat(paged).isEqualTo(all).hasSize(12);
        assertThat(all).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void onlyAdminsReadTheLogAndBadFiltersAreProblems() {
        assertProblem(writerReadingTheLog, 403);
        assertProblem(get("/api/v1/audit?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"), 400);
        assertProblem(get("/api/v1/audit?from=yesterday"), 400);
        assertProblem(get("/api/v1/audit?limit=0"), 400);
        assertProblem(get("/api/v1/audit?before=-1"), 400);
    }

    @Test
    void entriesOlderThanTheRetentionAreDeleted() {
        jdbc.sql("""
                INSERT INTO audit_log (recorded_at, principal, action, resource_type, resource, outcome)
                VALUES (now() - INTERVAL '400 days', 'system', 'model.created', 'model', 'long-gone', 'SUCCESS'),
                       (now() - INTERVAL '300 days', 'system', 'model.created', 'model', 'kept', 'SUCCESS')
                """).update();

        assertThat(retention.deleteExpired()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT resource FROM audit_log WHERE resource IN ('long-gone', 'kept')")
                .query(String.class).list()).containsExactly("kept");
        jdbc.sql("DELETE FROM audit_log WHERE resource = 'kept'").update();
    }

    /** Every address that is not a read is recorded, or is listed as changing nothing an audit is about. */
    @Test
    void everyChangingAddressIsAuditedOrListedAsNoChange() {
        Set<HttpMethod> reads = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
        List<String> unaccounted = new ArrayList<>();
        mappings.getHandlerMethods().keySet().forEach(mapping -> mapping.getMethodsCondition().getMethods()
                .forEach(method -> mapping.getPatternValues().forEach(pattern -> {
                    HttpMethod httpMethod = HttpMethod.valueOf(method.name());
                    boolean audited = AuditedOperations.OPERATIONS.stream().anyMatch(operation ->
                            operation.method().equals(httpMethod)
                                    && operation.path().getPatternString().equals(pattern));
                    if (!reads.contains(httpMethod) && !audited && !AuditedOperations.NOT_CHANGES.contains(pattern)) {
                        unaccounted.add(method + " " + pattern);
                    }
                })));
        assertThat(unaccounted).isEmpty();
        assertThat(AuditedOperations.OPERATIONS).hasSizeGreaterThanOrEqualTo(15);
    }

    private JsonNode queue(RestClient client, int expectedStatus) {
        return status(client.post().uri("/api/v1/training-runs").contentType(MediaType.APPLICATION_JSON).body("""
                {"dataset": {"name": "audited-clicks", "version": 1}, "model": "audited-din",
                 "architecture": {"type": "DIN", "embeddingDim": 4, "attention": {"hiddenUnits": [8]},
                                  "mlp": {"hiddenUnits": [8]}},
                 "training": {"epochs": 1, "batchSize": 64, "seed": 7},
                 "promoteAlias": "production"}""").retrieve().toEntity(JsonNode.class), expectedStatus);
    }

    /** A page of the log with these filters, as the admin reads it. */
    private JsonNode page(String query) {
        return status(get("/api/v1/audit?" + query), 200);
    }

    /** The entries oldest first, one line each: action, resource type, resource, detail, outcome, status. */
    private static List<String> lines(JsonNode page) {
        List<String> lines = new ArrayList<>(StreamSupport.stream(page.get("entries").spliterator(), false)
                .map(entry -> String.join(" ", entry.get("action").asString(), entry.get("resourceType").asString(),
                        text(entry.get("resource")), text(entry.get("detail")), entry.get("outcome").asString(),
                        text(entry.get("status"))))
                .toList());
        java.util.Collections.reverse(lines);
        return lines;
    }

    private static List<Long> ids(JsonNode page) {
        return StreamSupport.stream(page.get("entries").spliterator(), false).map(entry -> entry.get("id").asLong())
                .toList();
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "-" : value.asString();
    }

    private static JsonNode status(ResponseEntity<JsonNode> response, int expected) {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(expected);
        return response.getBody();
    }

    private static void assertProblem(ResponseEntity<JsonNode> response, int expected) {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(expected);
        assertThat(response.getHeaders().getContentType()).isNotNull()
                .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
