package io.dinplatform.api.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The errors of the OpenAPI document: one {@code Problem} schema (RFC 9457 problem details with the platform's
 * {@code errors[]} and other extensions), one shared response per status, and on every operation of the API the
 * problems any request can meet. An operation declares the others it answers with by reference, e.g.
 * {@code @ApiResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)}.
 *
 * <p>Every operation can answer 400 (a malformed query, path or body), 500 and 503 (the catalog or the artifact
 * store unreachable); one with a path variable 404; one that answers with content 406 (an {@code Accept} header that
 * allows none of its types); one with a body 413 (over the size limit) and 415 (another content type). 401 and 403
 * are added with the scope each operation needs (see the security package). A method that a path does not have is
 * answered 405 with an {@code Allow} header: no operation exists to document it on, so the document's description
 * says it.
 */
public class ProblemResponses implements OpenApiCustomizer {

    public static final String PROBLEM_JSON = "application/problem+json";

    public static final String BAD_REQUEST = "#/components/responses/BadRequest";
    public static final String UNAUTHORIZED = "#/components/responses/Unauthorized";
    public static final String FORBIDDEN = "#/components/responses/Forbidden";
    public static final String NOT_FOUND = "#/components/responses/NotFound";
    public static final String NOT_ACCEPTABLE = "#/components/responses/NotAcceptable";
    public static final String CONFLICT = "#/components/responses/Conflict";
    public static final String CONTENT_TOO_LARGE = "#/components/responses/ContentTooLarge";
    public static final String UNSUPPORTED_MEDIA_TYPE = "#/components/responses/UnsupportedMediaType";
    public static final String UNPROCESSABLE_CONTENT = "#/components/responses/UnprocessableContent";
    public static final String TOO_MANY_REQUESTS = "#/components/responses/TooManyRequests";
    public static final String INTERNAL_ERROR = "#/components/responses/InternalError";
    public static final String SERVICE_UNAVAILABLE = "#/components/responses/ServiceUnavailable";

    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";
    private static final String PROBLEM_ERROR_SCHEMA = "#/components/schemas/ProblemError";

    /** Each shared response: its status and what it means. */
    private static final Map<String, String> RESPONSES = responses();

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        api.getComponents().addSchemas("Problem", problemSchema()).addSchemas("ProblemError", problemErrorSchema());
        RESPONSES.forEach((reference, description) -> api.getComponents()
                .addResponses(name(reference), response(reference, description)));
        if (api.getPaths() != null) {
            api.getPaths().forEach(ProblemResponses::addCommonProblems);
        }
    }

    private static void addCommonProblems(String path, PathItem item) {
        if (!path.startsWith("/api/")) {
            return;
        }
        for (Operation operation : item.readOperations()) {
            ApiResponses responses = operation.getResponses();
            add(responses, "400", BAD_REQUEST);
            if (path.contains("{")) {
                add(responses, "404", NOT_FOUND);
            }
            if (answersWithContent(responses)) {
                add(responses, "406", NOT_ACCEPTABLE);
            }
            if (operation.getRequestBody() != null) {
                add(responses, "413", CONTENT_TOO_LARGE);
                add(responses, "415", UNSUPPORTED_MEDIA_TYPE);
            }
            add(responses, "500", INTERNAL_ERROR);
            add(responses, "503", SERVICE_UNAVAILABLE);
        }
    }

    /** Whether a success of the operation has a body, which an {@code Accept} header may rule out. */
    private static boolean answersWithContent(ApiResponses responses) {
        return responses.entrySet().stream().anyMatch(status -> status.getKey().startsWith("2")
                && status.getValue().getContent() != null && !status.getValue().getContent().isEmpty());
    }

    /** Adds a shared problem response unless the operation describes that status itself. */
    public static void add(ApiResponses responses, String status, String reference) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().$ref(reference));
        }
    }

    private static ApiResponse response(String reference, String description) {
        ApiResponse response = new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(
                        PROBLEM_SCHEMA))));
        if (reference.equals(UNAUTHORIZED)) {
            response.addHeaderObject("WWW-Authenticate", new Header().description("Bearer").schema(new StringSchema()));
        }
        if (reference.equals(TOO_MANY_REQUESTS)) {
            response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying")
                    .schema(new IntegerSchema()));
        }
        return response;
    }

    private static String name(String reference) {
        return reference.substring(reference.lastIndexOf('/') + 1);
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().format("uri-reference").description("What kind of problem, e.g. "
                + "/problems/invalid-request; absent (about:blank) for Spring's own (unknown path, wrong content "
                + "type...)")
                .example("/problems/invalid-request"));
        properties.put("title", new StringSchema().description("A short summary of the kind of problem")
                .example("Invalid request"));
        properties.put("status", new IntegerSchema().description("The HTTP status").example(400));
        properties.put("detail", new StringSchema().description("What went wrong, in words a user can act on")
                .example("training.batchSize: must be greater than or equal to 1, got 0"));
        properties.put("instance", new StringSchema().format("uri-reference").description("The request's path"));
        properties.put("errors", new ArraySchema().items(new Schema<>().$ref(PROBLEM_ERROR_SCHEMA))
                .description("Each field, or each row and column, that is wrong, when several are"));
        properties.put("truncated", new BooleanSchema().description("Invalid data: whether more rows are wrong than "
                + "errors lists"));
        properties.put("maxUploadBytes", new IntegerSchema().format("int64").description("Upload too large: the "
                + "limit in bytes"));
        properties.put("maxBodyBytes", new IntegerSchema().format("int64").description("Request body too large: the"
                + " limit in bytes"));
        properties.put("requiredScope", new StringSchema().description("Forbidden: the scope the request needs")
                ._enum(List.of("read", "write", "predict", "admin")));
        properties.put("requiredPermission", new StringSchema().description("Forbidden: the permission on the "
                + "dataset or model the request needs (owner: only its owner or an admin may do this)")
                ._enum(List.of("read", "write", "predict", "owner")));
        properties.put("model", new StringSchema().description("Corrupt artifact: the model whose bundle is damaged"));
        properties.put("version", new IntegerSchema().description("Corrupt artifact: its version"));
        properties.put("bundleSha256", new StringSchema().description("Corrupt artifact: the SHA-256 the bundle "
                + "should have"));
        return new ObjectSchema().description("An error as RFC 9457 problem details (application/problem+json)")
                .properties(properties).required(List.of("title", "status", "detail"));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemErrorSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("field", new StringSchema().nullable(true).description("A request's field, e.g. "
                + "training.batchSize or features[2].maxLength").example("training.batchSize"));
        properties.put("row", new IntegerSchema().format("int64").description("A data file's row, from 1 (0: the "
                + "file or its header)"));
        properties.put("column", new StringSchema().nullable(true).description("A data file's column, or null for "
                + "the whole row"));
        properties.put("reason", new StringSchema().description("What is wrong with it")
                .example("must be greater than or equal to 1, got 0"));
        return new ObjectSchema().description("One thing wrong with a request: a field, or a data file's row and "
                + "column").properties(properties).required(List.of("reason"));
    }

    private static Map<String, String> responses() {
        Map<String, String> responses = new LinkedHashMap<>();
        responses.put(BAD_REQUEST, "The request is malformed: a missing or invalid field, parameter or body "
                + "(errors names each)");
        responses.put(UNAUTHORIZED, "No valid API token");
        responses.put(FORBIDDEN, "The token lacks the scope the operation needs (requiredScope), or the caller "
                + "may read the dataset or model but lacks the permission (requiredPermission)");
        responses.put(NOT_FOUND, "What the path names does not exist, or the caller may not read it");
        responses.put(NOT_ACCEPTABLE, "The Accept header allows none of the content types the operation answers "
                + "with");
        responses.put(CONFLICT, "The request clashes with what exists");
        responses.put(CONTENT_TOO_LARGE, "The body or upload exceeds its limit; nothing was stored");
        responses.put(UNSUPPORTED_MEDIA_TYPE, "The body is not of a content type the operation reads");
        responses.put(UNPROCESSABLE_CONTENT, "The data or the feature schema is invalid (errors names each row and "
                + "column); nothing was stored");
        responses.put(TOO_MANY_REQUESTS, "The model's queue is full: retry after Retry-After seconds");
        responses.put(INTERNAL_ERROR, "The server failed; the error is in its log");
        responses.put(SERVICE_UNAVAILABLE, "The catalog database or the artifact store is unreachable, or an "
                + "artifact is corrupt; the request changed nothing and may be retried");
        return responses;
    }
}
