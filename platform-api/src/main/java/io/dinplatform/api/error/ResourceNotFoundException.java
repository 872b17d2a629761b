package io.dinplatform.api.error;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A dataset, version, model, alias or run that does not exist (404). */
public class ResourceNotFoundException extends ErrorResponseException {

    public ResourceNotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, problem(detail), null);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle("Not found");
        problem.setType(ProblemTypes.NOT_FOUND);
        return problem;
    }
}
