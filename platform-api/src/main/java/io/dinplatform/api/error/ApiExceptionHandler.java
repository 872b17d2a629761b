package io.dinplatform.api.error;

import java.util.List;

import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.schema.InvalidSchemaException;
import io.dinplatform.registry.artifact.ArtifactIntegrityException;
import io.dinplatform.registry.artifact.ArtifactStoreUnavailableException;
import io.dinplatform.registry.reference.InvalidDataReferenceException;
import io.dinplatform.registry.reference.ReferencedObjectChangedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;
import tools.jackson.core.JacksonException;

/**
 * Every error of the API as RFC 9457 problem details ({@code application/problem+json}), each with a detail a user
 * can act on and, where several things are wrong, an {@code errors} array naming each field, or each row and column.
 *
 * <p>Spring's own exceptions (missing part, wrong method, unknown path...) keep Spring's status and body; this class
 * adds the platform's: bad data (422), a bad schema (422), an unreadable JSON body (400, with the field), an
 * oversized upload (413, with the limit), a corrupt artifact (503), an unavailable artifact store (503). Anything unexpected is a 500 whose body reveals
 * nothing internal.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final DisconnectedClientHelper disconnectedClients =
            new DisconnectedClientHelper("io.dinplatform.api.error.DisconnectedClients");

    private final DataSize maxUploadSize;

    public ApiExceptionHandler(UploadLimits limits) {
        this.maxUploadSize = limits.maxUploadSize();
    }

    @ExceptionHandler(DataFormatException.class)
    ProblemDetail invalidData(DataFormatException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.INVALID_DATA,
                "Invalid data", e.getMessage());
        problem.setProperty("errors", e.errors());
        problem.setProperty("truncated", e.truncated());
        return problem;
    }

    @ExceptionHandler(InvalidSchemaException.class)
    ProblemDetail invalidSchema(InvalidSchemaException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.INVALID_SCHEMA,
                "Invalid feature schema", e.getMessage());
        problem.setProperty("errors", e.problems().stream().map(p -> new FieldError(p.field(), p.reason())).toList());
        return problem;
    }

    /**
     * 503, not 500: the server's copy of an artifact is damaged, which nothing in the request caused and a repair of
     * the artifact (or another replica with a whole copy) cures.
     */
    @ExceptionHandler(ArtifactIntegrityException.class)
    ProblemDetail corruptArtifact(ArtifactIntegrityException e) {
        log.error("Refusing a corrupt artifact", e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.CORRUPT_ARTIFACT, "Corrupt artifact",
                e.getMessage() + "; it was not used");
    }

    /**
     * 503: the artifact store (an object store, a volume) cannot be reached or refused the request; the request
     * itself was fine, recorded nothing, and may be repeated once the store is back.
     */
    @ExceptionHandler(ArtifactStoreUnavailableException.class)
    ProblemDetail artifactStoreUnavailable(ArtifactStoreUnavailableException e) {
        log.warn("The artifact store failed a request: {}", e.getMessage());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.ARTIFACT_STORE_UNAVAILABLE,
                "Artifact store unavailable", e.getMessage() + "; the request changed nothing, retry once the store"
                        + " is back");
    }

    /** A reference to data that is malformed, not allowed or names nothing: the request's fault, nothing recorded. */
    @ExceptionHandler(InvalidDataReferenceException.class)
    ProblemDetail invalidReference(InvalidDataReferenceException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
                "reference: " + e.getMessage() + "; nothing was recorded");
        problem.setProperty("errors", List.of(new FieldError("reference", e.getMessage())));
        return problem;
    }

    /**
     * 409: an object of a version registered by reference no longer has the content it was registered with, so the
     * version cannot be read as registered; re-registering the objects makes a new version of what they hold now.
     */
    @ExceptionHandler(ReferencedObjectChangedException.class)
    ProblemDetail referencedObjectChanged(ReferencedObjectChangedException e) {
        return problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Referenced data changed", e.getMessage());
    }

    /** A multipart body that cannot be parsed (no closing boundary, broken headers): the client's mistake. */
    @ExceptionHandler(MultipartException.class)
    ProblemDetail malformedMultipart(MultipartException e) {
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
                "body: not a well-formed multipart/form-data body; nothing was stored");
    }

    /** Tomcat refuses query parameters that are not valid UTF-8 once the application asks for them. */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail undecodableParameter(InvalidParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
                "query: a parameter is not valid percent-encoded UTF-8");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error while serving a request", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL, "Internal error",
                "The server failed to complete the request; the error is in its log.");
    }

    /**
     * Where every Spring exception's answer is made: an exception because the client went away (an answer it no
     * longer reads, a body it stopped sending: a load generator stopping, a closed tab) is no fault of the server and
     * has no one left to answer, so it is logged at debug under {@code io.dinplatform.api.error.DisconnectedClients}
     * instead of Spring's warning per request that the response was already committed.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (disconnectedClients.checkAndLogClientDisconnectedException(e)) {
            return null;
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        FieldError error = e.getMostSpecificCause() instanceof JacksonException jackson
                ? UnreadableJson.describe(jackson)
                : new FieldError("body", "missing or unreadable request body");
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
                error.field() + ": " + error.reason());
        problem.setProperty("errors", List.of(error));
        return handleExceptionInternal(e, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(ApiExceptionHandler::fieldError)
                .sorted(java.util.Comparator.comparing(FieldError::field))
                .toList();
        return invalidFields(e, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldError(parameterName(result), error.getDefaultMessage()
                                + ", got " + result.getArgument())))
                .toList();
        return invalidFields(e, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
                                                                          HttpHeaders headers,
                                                                          HttpStatusCode status,
                                                                          WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.UPLOAD_TOO_LARGE,
                "Upload too large", "The upload exceeds the limit of " + maxUploadSize.toBytes() + " bytes ("
                        + maxUploadSize + ", setting din.datasets.max-upload-size); nothing was stored.");
        problem.setProperty("maxUploadBytes", maxUploadSize.toBytes());
        return handleExceptionInternal(e, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    private ResponseEntity<Object> invalidFields(Exception e, List<FieldError> errors, HttpHeaders headers,
                                                 WebRequest request) {
        String detail = errors.stream().map(f -> f.field() + ": " + f.reason())
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
                detail);
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    /** A constraint violation, or a form value that could not be converted (said without Java type names). */
    private static FieldError fieldError(org.springframework.validation.FieldError f) {
        if (f.isBindingFailure() && f.contains(TypeMismatchException.class)) {
            Class<?> type = f.unwrap(TypeMismatchException.class).getRequiredType();
            String expected = type != null && type.isEnum()
                    ? "one of " + java.util.Arrays.toString(type.getEnumConstants()) : "a valid value";
            return new FieldError(f.getField(), "'" + f.getRejectedValue() + "' is not " + expected);
        }
        return new FieldError(f.getField(), f.getDefaultMessage()
                + (f.getRejectedValue() == null ? "" : ", got " + f.getRejectedValue()));
    }

    private static String parameterName(ParameterValidationResult result) {
        String name = result.getMethodParameter().getParameterName();
        return name == null ? "parameter" : name;
    }

    private static ProblemDetail problem(HttpStatus status, java.net.URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }
}
