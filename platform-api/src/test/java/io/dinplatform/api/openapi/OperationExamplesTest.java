package io.dinplatform.api.openapi;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JSON example of the committed OpenAPI document (which CommittedDocumentTest holds equal to the served one) is
 * a request or an answer that the request validator accepts for its operation, exactly as a real exchange is checked
 * by {@link OpenApiContract}; and the main operations have one, request and answer.
 */
class OperationExamplesTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final List<String> MAIN_OPERATIONS = List.of("uploadDataset", "buildDataset", "queueTrainingRun",
            "predict", "rank", "submitBatchPrediction", "createToken");

    @Test
    void everyExampleKeepsTheDocument() throws IOException {
        String committed = Files.readString(CommittedDocumentTest.COMMITTED);
        OpenApiInteractionValidator validator = OpenApiInteractionValidator
                .createForInlineApiSpecification(committed).build();
        List<String> checked = new ArrayList<>();
        List<String> violations = new ArrayList<>();

        for (Map.Entry<String, JsonNode> path : JSON.readTree(committed).get("paths").properties()) {
            String concretePath = path.getKey().replaceAll("\\{[^}]+}", "example");
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                JsonNode operation = method.getValue();
                String name = operation.path("operationId").asString();
                JsonNode requestExample = operation.path("requestBody").path("content").path("application/json")
                        .path("example");
                if (!requestExample.isMissingNode()) {
                    Request request = new SimpleRequest.Builder(method.getKey().toUpperCase(), concretePath)
                            .withContentType("application/json").withAuthorization("Bearer din_example")
                            .withBody(JSON.writeValueAsString(requestExample)).build();
                    report(violations, name + " request", validator.validateRequest(request));
                    checked.add(name + ".request");
                }
                for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
                    JsonNode example = response.getValue().path("content").path("application/json").path("example");
                    if (!example.isMissingNode()) {
                        SimpleResponse answer = SimpleResponse.Builder.status(Integer.parseInt(response.getKey()))
                                .withContentType("application/json").withBody(JSON.writeValueAsString(example))
                                .build();
                        report(violations, name + " " + response.getKey(), validator.validateResponse(concretePath,
                                Request.Method.valueOf(method.getKey().toUpperCase()), answer));
                        checked.add(name + "." + response.getKey());
                    }
                }
            }
        }

        assertThat(violations).as("examples that break the document").isEmpty();
        for (String operation : MAIN_OPERATIONS) {
            assertThat(checked).as("the examples checked").anyMatch(example -> example.startsWith(operation + ".2"));
        }
    }

    private static void report(List<String> violations, String example, ValidationReport report) {
        if (report.hasErrors()) {
            violations.add(example + ": " + report.getMessages());
        }
    }
}
