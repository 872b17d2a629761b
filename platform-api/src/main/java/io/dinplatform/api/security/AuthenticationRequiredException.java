package io.dinplatform.api.security;

import io.dinplatform.api.error.ProblemTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 401: no token, or one that is unknown, malformed or revoked (RFC 6750's {@code WWW-Authenticate: Bearer}). */
public class AuthenticationRequiredException extends ErrorResponseException {

    private AuthenticationRequiredException(String detail, String challenge) {
        super(HttpStatus.UNAUTHORIZED, problem(detail), null);
        getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
    }

    static AuthenticationRequiredException missing(String scope) {
        return new AuthenticationRequiredException("This request needs an API token with the '" + scope + "' scope: "
                + "send it as 'Authorization: Bearer <token>'.", "Bearer realm=\"din-platform\"");
    }

    static AuthenticationRequiredException invalid() {
        return new AuthenticationRequiredException("The API token is not valid: it is unknown, malformed or revoked.",
                "Bearer realm=\"din-platform\", error=\"invalid_token\"");
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
        problem.setTitle("Authentication required");
        problem.setType(ProblemTypes.UNAUTHENTICATED);
        return problem;
    }
}
