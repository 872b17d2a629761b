package io.dinplatform.api.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.SamplesCsv;
import io.dinplatform.api.TestHttp;
import io.dinplatform.api.hostile.HostileRequest.Expect;
import io.dinplatform.api.openapi.OpenApiContract;
import io.dinplatform.api.serving.TrainedModels;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and broken input at every endpoint: malformed JSON, wrong types, NaN and infinities, huge and negative
 * numbers, deep nesting, very long strings, Unicode edge cases, SQL and path injection in names, paths and values,
 * broken CSV, a gzip bomb. Each request gets a 4xx with problem details (the Open Inference Protocol's endpoints: its
 * {@code {"error": "..."}}) and never a 5xx, and leaves the catalog and the data directory exactly as they were: no
 * row in any table, no file. Each answer the platform (not the servlet container) gives under {@code /api} is also
 * checked against the OpenAPI document ({@link OpenApiContract}).
 *
 * <p>The cases are data (see {@link #cases()}): a new endpoint joins by adding its paths to the lists below.
 */
class HostileInputTest extends PlatformApiTest {

    static final String MODEL = "hostile-model";
    static final String DATASET = "hostile-data";
    private static final String PREDICT = "/api/v1/models/" + MODEL + "/predict";
    private static final String RANK = "/api/v1/models/" + MODEL + "/rank";
    private static final String VALID_INSTANCE = "{\"user_id\": \"u1\", \"item_id\": \"i1\", \"cate_id\": \"c1\", "
            + "\"hist_item_id\": [\"i2\"], \"hist_cate_id\": [\"c2\"]}";

    /** Every endpoint that takes a JSON body, with a valid body to mutate. */
    private static final Map<String, String> JSON_ENDPOINTS = jsonEndpoints();

    private static boolean fixturesReady;
    private static String countEveryTable;

    @Autowired
    ModelRepository models;

    @Autowired
    ArtifactStore artifacts;

    @LocalServerPort
    int serverPort;

    private Map<String, Long> rowsBefore;
    private List<Path> filesBefore;
    private OpenApiContract contract;
    private RestClient answersChecked;

    @BeforeEach
    void fixturesAndSnapshot() {
        if (!fixturesReady) {
            TrainedModels.register(artifacts, models, MODEL, ModelType.DIN, 11);
            assertThat(upload(DATASET, SamplesCsv.SCHEMA, SamplesCsv.bytes(SamplesCsv.rows(20, 0)), "s.csv")
                    .getStatusCode().value()).isEqualTo(201);
            fixturesReady = true;
        }
        rowsBefore = catalogRows();
        filesBefore = dataFiles();
        contract = OpenApiContract.served(serverPort);
        answersChecked = TestHttp.builder().defaultHeader("Authorization", "Bearer " + ADMIN_TOKEN)
                .requestInterceptor(contract.checkingAnswers())
                .defaultStatusHandler(status -> true, (request, response) -> {
                    // every status is asserted by the test itself
                }).build();
    }

    @AfterEach
    void nothingChanged() {
        assertThat(catalogRows()).as("rows of every catalog table").isEqualTo(rowsBefore);
        assertThat(dataFiles()).as("files in the data directory").isEqualTo(filesBefore);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithAProblemAndChangesNothing(HostileRequest hostile) {
        ResponseEntity<byte[]> response = send(hostile);
        int status = response.getStatusCode().value();
        MediaType type = response.getHeaders().getContentType();
        boolean problem = type != null && type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(status).as("status, body %s", text(response)).isLessThan(500);
        switch (hostile.expect()) {
            case REFUSED -> {
                assertThat(status).as("status, body %s", text(response)).isBetween(400, 499);
                assertThat(problem).as("problem details, got %s: %s", type, text(response)).isTrue();
            }
            case REFUSED_BY_INFERENCE -> {
                assertThat(status).as("status, body %s", text(response)).isBetween(400, 499);
                assertThat(problem || inferenceError(response)).as("an error body, got %s: %s", type,
                        text(response)).isTrue();
            }
            case REFUSED_MAYBE_BY_CONTAINER -> assertThat(status).isBetween(400, 499);
            case HARMLESS -> assertThat(status < 400 || problem || inferenceError(response))
                    .as("an error body, got %s", type).isTrue();
        }
        if (problem) {
            JsonNode body = tools.jackson.databind.json.JsonMapper.shared().readTree(response.getBody());
            assertThat(body.get("status").asInt()).isEqualTo(status);
            assertThat(body.get("detail").asString()).isNotBlank();
        }
        contract.assertKept();
    }

    /** The Open Inference Protocol's error form: {"error": "..."}, nothing else. */
    private static boolean inferenceError(ResponseEntity<byte[]> response) {
        MediaType type = response.getHeaders().getContentType();
        if (type == null || !type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            return false;
        }
        JsonNode body = tools.jackson.databind.json.JsonMapper.shared().readTree(response.getBody());
        return body.size() == 1 && body.hasNonNull("error") && !body.get("error").asString().isBlank();
    }

    static Stream<HostileRequest> cases() {
        List<HostileRequest> cases = new ArrayList<>();
        brokenJsonAtEveryEndpoint(cases);
        hostileNames(cases);
        hostileValuesInPredictions(cases);
        numbersOutOfRange(cases);
        hostilePaths(cases);
        wrongContentTypes(cases);
        methodsAPathDoesNotHave(cases);
        HostileInferenceRequests.cases(cases, MODEL, VALID_INSTANCE);
        HostileUploads.cases(cases);
        return cases.stream();
    }

    private static void brokenJsonAtEveryEndpoint(List<HostileRequest> cases) {
        JSON_ENDPOINTS.forEach((endpoint, valid) -> {
            String[] parts = endpoint.split(" ", 2);
            HostileBodies.ANY_ENDPOINT.forEach((description, body) ->
                    cases.add(HostileRequest.json(description, parts[0], parts[1], body, Expect.REFUSED)));
            if (!endpoint.equals("POST " + PREDICT) && !endpoint.equals("POST " + RANK)) {
                // over din.api.max-body-size (1 MB) but under what Tomcat swallows, so the answer can be read
                cases.add(HostileRequest.json("a body over 1 MB", parts[0], parts[1],
                        valid.replaceFirst("\\{", "{\"padding\": \"" + "x".repeat(3 << 19) + "\", "),
                        Expect.REFUSED));
            }
            cases.add(HostileRequest.json("an unknown property", parts[0], parts[1],
                    valid.replaceFirst("\\{", "{\"admin\": true, "), Expect.REFUSED));
        });
    }

    /** Every name a client gives (models, datasets, aliases, tokens) is checked by one rule before it is used. */
    private static void hostileNames(List<HostileRequest> cases) {
        HostileValues.STRINGS.forEach((description, value) -> {
            cases.add(HostileRequest.json("model name: " + description, "POST", "/api/v1/models",
                    "{\"name\": " + value + "}", Expect.REFUSED));
            cases.add(HostileRequest.json("run's model name: " + description, "POST", "/api/v1/training-runs",
                    "{\"dataset\": {\"name\": \"" + DATASET + "\"}, \"model\": " + value + "}", Expect.REFUSED));
            cases.add(HostileRequest.json("run's dataset name: " + description, "POST", "/api/v1/training-runs",
                    "{\"dataset\": {\"name\": " + value + "}, \"model\": \"m\"}", Expect.REFUSED));
            cases.add(HostileRequest.json("run's promote alias: " + description, "POST", "/api/v1/training-runs",
                    "{\"dataset\": {\"name\": \"" + DATASET + "\"}, \"model\": \"m\", \"promoteAlias\": " + value
                            + "}", Expect.REFUSED));
            cases.add(HostileRequest.json("token name: " + description, "POST", "/api/v1/tokens",
                    "{\"name\": " + value + ", \"scopes\": [\"read\"]}", Expect.REFUSED));
            cases.add(HostileRequest.json("token scope: " + description, "POST", "/api/v1/tokens",
                    "{\"name\": \"t\", \"scopes\": [" + value + "]}", Expect.REFUSED));
            cases.add(HostileRequest.json("batch model name: " + description, "POST", "/api/v1/batch-predictions",
                    "{\"model\": {\"name\": " + value + "}, \"dataset\": {\"name\": \"" + DATASET + "\"}}",
                    Expect.REFUSED));
            cases.add(HostileRequest.json("batch alias: " + description, "POST", "/api/v1/batch-predictions",
                    "{\"model\": {\"name\": \"" + MODEL + "\", \"alias\": " + value + "}, \"dataset\": {\"name\": \""
                            + DATASET + "\"}}", Expect.REFUSED));
            cases.add(HostileUploads.samples("dataset name: " + description, unquote(value)));
        });
    }

    /** Feature values are data, not names: an unknown one scores like a rare id; none may break the server. */
    private static void hostileValuesInPredictions(List<HostileRequest> cases) {
        HostileValues.STRINGS.forEach((description, value) -> {
            cases.add(HostileRequest.json("feature value: " + description, "POST", PREDICT,
                    "{\"instances\": [" + VALID_INSTANCE.replace("\"i1\"", value) + "]}", Expect.HARMLESS));
            cases.add(HostileRequest.json("history value: " + description, "POST", RANK,
                    "{\"context\": " + VALID_INSTANCE.replace("[\"i2\"]", "[" + value + "]") + ", \"candidates\": "
                            + "[{\"item_id\": " + value + ", \"cate_id\": \"c1\"}]}", Expect.HARMLESS));
            cases.add(HostileRequest.json("feature name: " + description, "POST", PREDICT,
                    "{\"instances\": [{" + value + ": \"x\"}]}", Expect.REFUSED));
        });
        String instance = VALID_INSTANCE;
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("no instances", "{\"instances\": []}");
        bad.put("instances is null", "{\"instances\": null}");
        bad.put("a null instance", "{\"instances\": [null]}");
        bad.put("an instance that is a string", "{\"instances\": [\"u1\"]}");
        bad.put("an instance that is an array", "{\"instances\": [[1, 2]]}");
        bad.put("more instances than allowed", "{\"instances\": [" + String.join(",",
                Collections.nCopies(1_001, instance)) + "]}");
        bad.put("a history that is an object", "{\"instances\": [" + instance.replace("[\"i2\"]", "{\"a\": 1}")
                + "]}");
        bad.put("a history of nested arrays", "{\"instances\": [" + instance.replace("[\"i2\"]", "[[\"i2\"]]")
                + "]}");
        bad.put("a categorical feature given as an array", "{\"instances\": [" + instance.replace("\"i1\"",
                "[\"i1\"]") + "]}");
        bad.put("a categorical feature given as an object", "{\"instances\": [" + instance.replace("\"i1\"",
                "{\"id\": 1}") + "]}");
        bad.put("explain is a string", "{\"instances\": [" + instance + "], \"explain\": \"yes\"}");
        bad.forEach((description, body) -> cases.add(HostileRequest.json(description, "POST", PREDICT, body,
                Expect.REFUSED)));
        // a feature the model does not know is ignored, so that clients may send whole rows
        cases.add(HostileRequest.json("an unknown feature", "POST", PREDICT, "{\"instances\": ["
                + instance.replace("{", "{\"bogus\": \"' OR '1'='1\", ") + "]}", Expect.HARMLESS));
        Map<String, String> badRank = new LinkedHashMap<>();
        badRank.put("no context", "{\"candidates\": [{\"item_id\": \"i1\", \"cate_id\": \"c1\"}]}");
        badRank.put("no candidates", "{\"context\": " + instance + ", \"candidates\": []}");
        badRank.put("topK zero", "{\"context\": " + instance + ", \"candidates\": [{\"item_id\": \"i1\"}], \"topK\": 0}");
        badRank.put("topK negative", "{\"context\": " + instance + ", \"candidates\": [{\"item_id\": \"i1\"}], "
                + "\"topK\": -5}");
        badRank.put("topK beyond an int", "{\"context\": " + instance + ", \"candidates\": [{\"item_id\": \"i1\"}], "
                + "\"topK\": 99999999999}");
        badRank.put("more candidates than allowed", "{\"context\": " + instance + ", \"candidates\": ["
                + String.join(",", Collections.nCopies(10_001, "{\"item_id\": \"i1\"}")) + "]}");
        badRank.forEach((description, body) -> cases.add(HostileRequest.json(description, "POST", RANK, body,
                Expect.REFUSED)));
    }

    private static void numbersOutOfRange(List<HostileRequest> cases) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("epochs", "\"training\": {\"epochs\": %s}");
        fields.put("batch size", "\"training\": {\"batchSize\": %s}");
        fields.put("evaluation batch size", "\"training\": {\"evaluationBatchSize\": %s}");
        fields.put("embedding size", "\"architecture\": {\"embeddingDim\": %s}");
        fields.put("hidden units", "\"architecture\": {\"mlp\": {\"hiddenUnits\": [%s]}}");
        fields.put("attention units", "\"architecture\": {\"attention\": {\"hiddenUnits\": [80, %s]}}");
        fields.put("learning rate", "\"training\": {\"optimizer\": {\"learningRate\": %s}}");
        fields.put("lambda", "\"training\": {\"regularization\": {\"lambda\": %s}}");
        fields.put("clip norm", "\"training\": {\"clipNorm\": %s}");
        fields.put("dataset version", "\"dataset\": {\"name\": \"" + DATASET + "\", \"version\": %s}");
        for (String number : List.of("-1", "0", "1e9", "2147483648", "99999999999999999999999", "1e400", "-1e400",
                "NaN", "\"NaN\"", "\"Infinity\"", "true", "\"lots\"", "[]", "{}", "1.5e300")) {
            fields.forEach((field, template) -> {
                String body = "{\"dataset\": {\"name\": \"" + DATASET + "\"}, \"model\": \"m\", "
                        + template.formatted(number) + "}";
                if (field.equals("dataset version")) {
                    body = "{\"model\": \"m\", " + template.formatted(number) + "}";
                }
                boolean acceptable = isAcceptable(field, number);
                if (!acceptable) {
                    cases.add(HostileRequest.json("run " + field + " " + number, "POST", "/api/v1/training-runs",
                            body, Expect.REFUSED));
                }
            });
            cases.add(HostileRequest.json("alias version " + number, "PUT",
                    "/api/v1/models/" + MODEL + "/aliases/production", "{\"version\": " + number + "}",
                    Expect.REFUSED));
            cases.add(HostileRequest.json("alias weight " + number, "PUT",
                    "/api/v1/models/" + MODEL + "/aliases/production",
                    "{\"versions\": [{\"version\": 1, \"weight\": " + number + "}]}", Expect.REFUSED));
            cases.add(HostileRequest.json("alias arm version " + number, "PUT",
                    "/api/v1/models/" + MODEL + "/aliases/production",
                    "{\"versions\": [{\"version\": " + number + ", \"weight\": 1}]}", Expect.REFUSED));
            cases.add(HostileRequest.json("alias shadow " + number, "PUT",
                    "/api/v1/models/" + MODEL + "/aliases/production",
                    "{\"version\": 1, \"shadow\": " + number + "}", Expect.REFUSED));
        }
        trafficSplitBodies(cases);
        cases.add(HostileRequest.json("a thousand hidden layers", "POST", "/api/v1/training-runs",
                "{\"dataset\": {\"name\": \"" + DATASET + "\"}, \"model\": \"m\", \"architecture\": {\"mlp\": "
                        + "{\"hiddenUnits\": [" + String.join(",", Collections.nCopies(1_000, "2")) + "]}}}",
                Expect.REFUSED));
        cases.add(HostileRequest.json("an unknown architecture type", "POST", "/api/v1/training-runs",
                "{\"dataset\": {\"name\": \"" + DATASET + "\"}, \"model\": \"m\", \"architecture\": {\"type\": "
                        + "\"GPT\"}}", Expect.REFUSED));
        cases.add(HostileRequest.json("an unknown device", "POST", "/api/v1/training-runs",
                "{\"dataset\": {\"name\": \"" + DATASET + "\"}, \"model\": \"m\", \"training\": {\"device\": "
                        + "\"TPU\"}}", Expect.REFUSED));
    }

    /** Weighted alias bodies that are not a split: each refused, the alias left as it was (here: absent). */
    private static void trafficSplitBodies(List<HostileRequest> cases) {
        String alias = "/api/v1/models/" + MODEL + "/aliases/production";
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("no arms", "{\"versions\": []}");
        bodies.put("a null arm", "{\"versions\": [null]}");
        bodies.put("an arm without weight", "{\"versions\": [{\"version\": 1}]}");
        bodies.put("an arm as a string", "{\"versions\": [\"1:90\"]}");
        bodies.put("arms as an object", "{\"versions\": {\"1\": 90}}");
        bodies.put("one version twice", "{\"versions\": [{\"version\": 1, \"weight\": 1}, "
                + "{\"version\": 1, \"weight\": 1}]}");
        bodies.put("version and versions", "{\"version\": 1, \"versions\": [{\"version\": 1, \"weight\": 1}]}");
        bodies.put("the shadow an arm", "{\"version\": 1, \"shadow\": 1}");
        bodies.put("only a shadow", "{\"shadow\": 1}");
        bodies.put("an unknown arm", "{\"versions\": [{\"version\": 1, \"weight\": 1}, "
                + "{\"version\": 99, \"weight\": 1}]}");
        bodies.put("eleven arms", "{\"versions\": [" + String.join(", ", Collections.nCopies(11,
                "{\"version\": 1, \"weight\": 1}")) + "]}");
        bodies.put("a weight past a million", "{\"versions\": [{\"version\": 1, \"weight\": 1000001}]}");
        bodies.put("an arm with SQL", "{\"versions\": [{\"version\": \"1; DROP TABLE model_aliases\", "
                + "\"weight\": 1}]}");
        bodies.forEach((what, body) -> cases.add(HostileRequest.json("alias split: " + what, "PUT", alias, body,
                Expect.REFUSED)));
        for (String arm : List.of("", "0", "-1", "v", "x@", "1;DROP", "1:shade", "../1", "%00", "99999999999")) {
            cases.add(HostileRequest.bodiless("online comparison a=" + arm, "GET", "/api/v1/models/" + MODEL
                    + "/online-comparison?a=" + URLEncoder.encode(arm, StandardCharsets.UTF_8) + "&b=1",
                    Expect.REFUSED));
        }
    }

    /** Values a run request may legitimately carry, which this suite must not send (they would queue a run). */
    private static boolean isAcceptable(String field, String number) {
        return number.equals("0") && (field.equals("lambda") || field.equals("clip norm"));
    }

    /** Names and ids in the URL: looked up as data (404) or refused (400), never interpreted. */
    private static void hostilePaths(List<HostileRequest> cases) {
        List<String> templates = List.of(
                "GET /api/v1/datasets/%s/versions",
                "GET /api/v1/datasets/%s/versions/latest",
                "GET /api/v1/datasets/" + DATASET + "/versions/%s",
                "GET /api/v1/datasets/" + DATASET + "/versions/1/users/%s",
                "GET /api/v1/models/%s",
                "GET /api/v1/models/%s/versions/latest",
                "GET /api/v1/models/" + MODEL + "/versions/%s",
                "GET /api/v1/models/" + MODEL + "/aliases/%s",
                "PUT /api/v1/models/" + MODEL + "/aliases/%s",
                "DELETE /api/v1/models/" + MODEL + "/aliases/%s",
                "POST /api/v1/models/%s/predict",
                "GET /api/v1/training-runs/%s",
                "GET /api/v1/training-runs/%s/events",
                "POST /api/v1/training-runs/%s/cancel",
                "GET /api/v1/batch-predictions/%s",
                "GET /api/v1/batch-predictions/%s/result",
                "GET /api/v1/tokens/%s",
                "DELETE /api/v1/tokens/%s",
                "GET /api/v1/training-runs?status=%s",
                "GET /api/v1/training-runs?limit=%s",
                "POST /api/v1/models/" + MODEL + "/predict?version=%s",
                "POST /api/v1/models/" + MODEL + "/predict?alias=%s");
        Map<String, String> segments = new LinkedHashMap<>();
        for (String description : List.of("SQL injection", "path traversal", "HTML and script", "blank",
                "percent-encoding")) {
            segments.put(description, URLEncoder.encode(unquote(HostileValues.STRINGS.get(description)),
                    StandardCharsets.UTF_8).replace("+", "%20"));
        }
        segments.put("encoded dot segments", "%2e%2e");
        segments.put("a 10,000-character segment", "a".repeat(10_000));
        segments.put("a negative number", "-1");
        segments.put("a number beyond a long", "99999999999999999999");
        segments.put("an encoded NUL", "a%00b");
        segments.put("an encoded slash", "a%2Fb");
        segments.put("invalid UTF-8", "%ff%fe");
        segments.put("an unpaired surrogate as UTF-8", "%ed%a0%80");
        for (String template : templates) {
            String[] parts = template.split(" ", 2);
            segments.forEach((description, segment) -> {
                String body = parts[0].equals("PUT") ? "{\"version\": 1}"
                        : parts[1].contains("predict") ? "{\"instances\": [" + VALID_INSTANCE + "]}" : null;
                String path = parts[1].formatted(segment);
                // a blank or odd filter in a query may just match nothing; it must still do no harm. A request line
                // beyond Tomcat's 8 KB is refused by Tomcat itself.
                Expect expect = path.contains("?") && path.length() < 8_000 ? Expect.HARMLESS
                        : Expect.REFUSED_MAYBE_BY_CONTAINER;
                cases.add(body == null
                        ? HostileRequest.bodiless("path: " + description, parts[0], path, expect)
                        : new HostileRequest("path: " + description, parts[0], path, MediaType.APPLICATION_JSON,
                        body.getBytes(StandardCharsets.UTF_8), expect));
            });
        }
    }

    private static void wrongContentTypes(List<HostileRequest> cases) {
        JSON_ENDPOINTS.forEach((endpoint, valid) -> {
            String[] parts = endpoint.split(" ", 2);
            for (MediaType type : List.of(MediaType.TEXT_PLAIN, MediaType.APPLICATION_XML,
                    MediaType.APPLICATION_FORM_URLENCODED)) {
                cases.add(new HostileRequest("a " + type + " body", parts[0], parts[1], type,
                        valid.getBytes(StandardCharsets.UTF_8), Expect.REFUSED));
            }
            cases.add(new HostileRequest("invalid UTF-8 in JSON", parts[0], parts[1], MediaType.APPLICATION_JSON,
                    invalidUtf8(valid), Expect.REFUSED));
        });
        cases.add(new HostileRequest("JSON to the upload endpoint", "POST", "/api/v1/datasets",
                MediaType.APPLICATION_JSON, "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_8), Expect.REFUSED));
    }

    /** 405 with problem details (the document's description says so: no operation exists to carry it). */
    private static void methodsAPathDoesNotHave(List<HostileRequest> cases) {
        for (String request : List.of("DELETE /api/v1/datasets", "PUT /api/v1/training-runs",
                "PATCH /api/v1/models/" + MODEL, "GET " + PREDICT, "DELETE /api/v1/batch-predictions")) {
            String[] parts = request.split(" ", 2);
            cases.add(HostileRequest.bodiless("a method the path does not have", parts[0], parts[1], Expect.REFUSED));
        }
    }

    private static Map<String, String> jsonEndpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        // each valid body is made invalid by the cases; none of them is ever sent as it is
        endpoints.put("POST /api/v1/models", "{\"name\": \"valid\"}");
        endpoints.put("PUT /api/v1/models/" + MODEL + "/aliases/production", "{\"version\": 1}");
        endpoints.put("POST " + PREDICT, "{\"instances\": [" + VALID_INSTANCE + "]}");
        endpoints.put("POST " + RANK, "{\"context\": " + VALID_INSTANCE + ", \"candidates\": [{\"item_id\": \"i1\"}]}");
        endpoints.put("POST /api/v1/training-runs", "{\"dataset\": {\"name\": \"" + DATASET + "\"}, \"model\": \"m\"}");
        endpoints.put("POST /api/v1/tokens", "{\"name\": \"t\", \"scopes\": [\"read\"]}");
        endpoints.put("POST /api/v1/batch-predictions", "{\"model\": {\"name\": \"" + MODEL + "\"}, \"dataset\": "
                + "{\"name\": \"" + DATASET + "\"}}");
        endpoints.put("POST /api/v1/feedback", "[{\"impressionId\": \"019af3c2-7d3e-7a51-9c1e-3b5f0e2d4a61\", "
                + "\"clicked\": true}]");
        endpoints.put("PUT /api/v1/models/" + MODEL + "/impression-logging", "{\"sampleRate\": 0.5}");
        endpoints.put("POST /api/v1/datasets/builds/impressions", "{\"name\": \"served\", \"model\": \"" + MODEL
                + "\"}");
        endpoints.put("PUT /api/v1/models/" + MODEL + "/grants", "{\"grants\": [{\"grantee\": \"group:ranking\", "
                + "\"permission\": \"read\"}]}");
        endpoints.put("PUT /api/v1/datasets/" + DATASET + "/grants", "{\"grants\": [{\"grantee\": "
                + "\"token:0123456789ab\", \"permission\": \"write\"}]}");
        return endpoints;
    }

    private static byte[] invalidUtf8(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[bytes.length + 2];
        int quote = json.indexOf('"', 1) + 1;
        System.arraycopy(bytes, 0, broken, 0, quote);
        broken[quote] = (byte) 0xc3;
        broken[quote + 1] = (byte) 0x28;
        System.arraycopy(bytes, quote, broken, quote + 2, bytes.length - quote);
        return broken;
    }

    static String unquote(String jsonLiteral) {
        return tools.jackson.databind.json.JsonMapper.shared().readValue(jsonLiteral, String.class);
    }

    /** Through a client that checks the answer against the OpenAPI document, unless the container may answer. */
    private ResponseEntity<byte[]> send(HostileRequest hostile) {
        RestClient client = hostile.expect() == Expect.REFUSED_MAYBE_BY_CONTAINER ? http : answersChecked;
        RestClient.RequestBodySpec request = client.method(HttpMethod.valueOf(hostile.method()))
                .uri(URI.create("http://localhost:" + serverPort + hostile.path()));
        if (hostile.body() != null) {
            request.contentType(hostile.contentType()).body(hostile.body());
        }
        return request.retrieve().toEntity(byte[].class);
    }

    private static String text(ResponseEntity<byte[]> response) {
        byte[] body = response.getBody();
        if (body == null) {
            return "(no body)";
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }

    /**
     * Rows per table of the catalog, counted in one round trip; Spring Batch's own tables aside, and the impression
     * log with its rankings' contexts: a harmless request that is answered is served traffic, which the log records
     * by design (and writes a moment later, during the next case). And the audit log: a refused attempt at a change is recorded there by
     * design (as REFUSED, with its status), which is the one row a hostile request must leave.
     */
    private Map<String, Long> catalogRows() {
        if (countEveryTable == null) {
            List<String> tables = jdbc.sql("""
                    SELECT table_name FROM information_schema.tables
                    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
                      AND table_name NOT LIKE 'batch\\_%' AND table_name NOT LIKE 'flyway%'
                      AND table_name NOT LIKE 'impressions%' AND table_name NOT LIKE 'impression\\_contexts%'
                      AND table_name <> 'audit_log'
                    ORDER BY table_name
                    """).query(String.class).list();
            countEveryTable = String.join(" UNION ALL ", tables.stream()
                    .map(table -> "SELECT '" + table + "' AS name, COUNT(*) AS n FROM " + table).toList());
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        jdbc.sql(countEveryTable).query((row, n) -> rows.put(row.getString("name"), row.getLong("n"))).list();
        return rows;
    }

    /** Every file in the data directory except the database's own (whose thousands of files are not walked). */
    private static List<Path> dataFiles() {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(DATA_DIR, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    return directory.equals(DATA_DIR.resolve("postgres")) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    found.add(file);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Collections.sort(found);
        return found;
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
