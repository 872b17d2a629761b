package io.dinplatform.api.error;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request that cannot be served as sent (400): a missing or malformed field, a value out of range. */
public class InvalidRequestException extends ErrorResponseException {

    public InvalidRequestException(String detail) {
        this(detail, List.of());
    }

    /** With one {@link FieldError} per problem, when there are several. */
    public InvalidRequestException(String detail, List<FieldError> errors) {
        super(HttpStatus.BAD_REQUEST, problem(detail, errors), null);
    }

    /** One field's problem: the detail reads {@code field: reason}, and {@code errors[]} names the field. */
    public static InvalidRequestException invalidField(String field, String reason) {
        return new InvalidRequestException(field + ": " + reason, List.of(new FieldError(field, reason)));
    }

    private static ProblemDetail problem(String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        problem.setType(ProblemTypes.INVALID_REQUEST);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }
}
