package io.dinplatform.client;

import java.util.List;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dinplatform.client.invoker.ApiException;
import io.dinplatform.client.model.Problem;
import io.dinplatform.client.model.ProblemError;

/**
 * An error answer of the platform with its RFC 9457 problem details: the status, the problem's type (e.g.
 * {@code /problems/invalid-request}), title and detail, and the fields or rows that are wrong ({@link #errors()}).
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final Problem problem;

    public ProblemException(int status, Problem problem, Throwable cause) {
        super(status + " " + problem.getTitle() + ": " + problem.getDetail(), cause);
        this.status = status;
        this.problem = problem;
    }

    /** The problem details of an error answer; an answer without them (a proxy's page) keeps its text as detail. */
    static ProblemException of(ApiException e, ObjectMapper json) {
        String body = e.getResponseBody();
        Problem problem = null;
        if (body != null && body.trim().startsWith("{")) {
            try {
                problem = json.readValue(body, Problem.class);
            } catch (JacksonException unreadable) {
                problem = null;
            }
        }
        if (problem == null) {
            problem = new Problem().status(e.getCode()).title("HTTP " + e.getCode())
                    .detail(body == null || body.isBlank() ? e.getMessage() : body);
        }
        return new ProblemException(e.getCode(), problem, e);
    }

    public int status() {
        return status;
    }

    /** The problem's type, e.g. {@code /problems/not-found}; {@code about:blank} when the answer names none. */
    public String type() {
        return problem.getType() == null ? "about:blank" : problem.getType();
    }

    public String title() {
        return problem.getTitle();
    }

    public String detail() {
        return problem.getDetail();
    }

    /** Each field, or each row and column, that is wrong; empty when the problem names none. */
    public List<ProblemError> errors() {
        return problem.getErrors() == null ? List.of() : problem.getErrors();
    }

    /** The whole problem, with the extensions of some problems (requiredScope, maxUploadBytes...). */
    public Problem problem() {
        return problem;
    }
}
