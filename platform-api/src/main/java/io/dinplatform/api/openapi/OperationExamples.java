package io.dinplatform.api.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Examples of the main operations' requests and answers, kept as JSON files beside the code that the document
 * describes: {@code openapi/examples/<operationId>.request.json} is the example of the operation's request body, and
 * {@code openapi/examples/<operationId>.<status>.json} that of its answer with that status. A file that names no
 * operation or status of the document fails the document, so an example cannot silently go stale; that each example is
 * valid against its schema, Redocly's lint checks in the build ({@code no-invalid-media-type-examples}) and so does
 * the tests' request validator.
 */
public class OperationExamples implements OpenApiCustomizer {

    private static final String LOCATION = "classpath*:openapi/examples/*.json";
    private static final String REQUEST = "request";

    private final Resource[] examples;

    public OperationExamples() {
        try {
            examples = new PathMatchingResourcePatternResolver().getResources(LOCATION);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the OpenAPI examples at " + LOCATION, e);
        }
        Arrays.sort(examples, Comparator.comparing(Resource::getFilename));
    }

    @Override
    public void customise(OpenAPI api) {
        Map<String, Operation> operations = new HashMap<>();
        if (api.getPaths() != null) {
            api.getPaths().values().forEach(item -> item.readOperations()
                    .forEach(operation -> operations.put(operation.getOperationId(), operation)));
        }
        for (Resource example : examples) {
            String[] name = example.getFilename().split("\\.");
            Operation operation = operations.get(name[0]);
            if (name.length != 3 || operation == null) {
                throw new IllegalStateException("the OpenAPI example " + example.getFilename() + " names no operation"
                        + " (expected <operationId>.request.json or <operationId>.<status>.json)");
            }
            setExample(contentOf(operation, name[1], example.getFilename()), read(example));
        }
    }

    private static Content contentOf(Operation operation, String part, String file) {
        Content content = null;
        if (part.equals(REQUEST)) {
            content = operation.getRequestBody() == null ? null : operation.getRequestBody().getContent();
        } else if (operation.getResponses() != null) {
            ApiResponse response = operation.getResponses().get(part);
            content = response == null ? null : response.getContent();
        }
        if (content == null || content.isEmpty()) {
            throw new IllegalStateException("the OpenAPI example " + file + " belongs to no body of operation "
                    + operation.getOperationId());
        }
        return content;
    }

    private static void setExample(Content content, Object example) {
        content.values().forEach(mediaType -> mediaType.setExample(example));
    }

    private static Object read(Resource example) {
        try (InputStream in = example.getInputStream()) {
            return Json.mapper().readValue(in, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI example " + example.getFilename(), e);
        }
    }
}
