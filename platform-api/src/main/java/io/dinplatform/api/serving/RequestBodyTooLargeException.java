package io.dinplatform.api.serving;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

/** 413: a predict or rank body beyond {@code din.serving.max-body-size}. */
public class RequestBodyTooLargeException extends ErrorResponseException {

    public static final URI TYPE = URI.create("/problems/request-too-large");

    public RequestBodyTooLargeException(DataSize limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, problem(limit), null);
    }

    private static ProblemDetail problem(DataSize limit) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "body: the request body exceeds the limit of " + limit.toBytes() + " bytes (" + limit
                        + ", setting din.serving.max-body-size); send fewer instances per request");
        problem.setTitle("Request too large");
        problem.setType(TYPE);
        problem.setProperty("maxBodyBytes", limit.toBytes());
        return problem;
    }
}
