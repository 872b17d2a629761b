package io.dinplatform.api.security;

import io.dinplatform.api.error.ProblemTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 403: a valid token without the scope the request needs. */
public class InsufficientScopeException extends ErrorResponseException {

    InsufficientScopeException(String scope) {
        super(HttpStatus.FORBIDDEN, problem(scope), null);
        getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                "Bearer realm=\"din-platform\", error=\"insufficient_scope\", scope=\"" + scope + "\"");
    }

    private static ProblemDetail problem(String scope) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "This request needs a token with the '" + scope + "' scope, which this token does not have.");
        problem.setTitle("Forbidden");
        problem.setType(ProblemTypes.FORBIDDEN);
        problem.setProperty("requiredScope", scope);
        return problem;
    }
}
