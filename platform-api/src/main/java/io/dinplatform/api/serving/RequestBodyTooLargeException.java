package io.dinplatform.api.serving;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

/** 413: a request body beyond its limit (predict and rank: {@code din.serving.max-body-size}). */
public class RequestBodyTooLargeException extends ErrorResponseException {

    public static final URI TYPE = URI.create("/problems/request-too-large");

    /** @param setting the setting that holds the limit */
    public RequestBodyTooLargeException(DataSize limit, String setting) {
        super(HttpStatus.CONTENT_TOO_LARGE, problem(limit, setting), null);
    }

    private static ProblemDetail problem(DataSize limit, String setting) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "body: the request body exceeds the limit of " + limit.toBytes() + " bytes (" + limit
                        + ", setting " + setting + ")" + (setting.startsWith("din.serving.")
                        ? "; send fewer instances per request" : ""));
        problem.setTitle("Request too large");
        problem.setType(TYPE);
        problem.setProperty("maxBodyBytes", limit.toBytes());
        return problem;
    }
}
