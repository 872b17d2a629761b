package io.dinplatform.api.error;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The request clashes with what exists (409): a name already taken, a run that already finished. */
public class ResourceConflictException extends ErrorResponseException {

    public ResourceConflictException(String detail) {
        super(HttpStatus.CONFLICT, problem(detail), null);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle("Conflict");
        problem.setType(ProblemTypes.CONFLICT);
        return problem;
    }
}
