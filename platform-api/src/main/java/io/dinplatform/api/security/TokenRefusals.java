package io.dinplatform.api.security;

import io.dinplatform.api.error.ProblemTypes;
import io.dinplatform.registry.token.TokenScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Spring Security's refusals answered as the API answers every error, as problem details through the MVC exception
 * resolver: no token where one is needed is 401 with a {@code WWW-Authenticate: Bearer} challenge naming the scope,
 * an invalid token 401 {@code invalid_token}, a valid token without the scope 403 {@code insufficient_scope}, and a
 * token that cannot be checked because the catalog (or, for a JWT, the OpenID Connect issuer) is unreachable 503;
 * and a request whose address Spring Security's
 * firewall refuses (an encoded slash, percent or dot segment, a semicolon) 400.
 */
final class TokenRefusals implements AuthenticationEntryPoint, AuthenticationFailureHandler, AccessDeniedHandler,
        RequestRejectedHandler {

    private final HandlerExceptionResolver problems;

    TokenRefusals(HandlerExceptionResolver problems) {
        this.problems = problems;
    }

    /** No token, where the request needs one. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) {
        answer(request, response, AuthenticationRequiredException.missing(requiredScope(request).label()));
    }

    /** A token was presented but not accepted. */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException e) {
        answer(request, response, e instanceof AuthenticationServiceException
                ? unavailable(e) : AuthenticationRequiredException.invalid());
    }

    /** A valid token without the scope. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) {
        answer(request, response, new InsufficientScopeException(requiredScope(request).label()));
    }

    /** An address the firewall refuses. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request's address is refused: " + e.getMessage());
        problem.setType(ProblemTypes.INVALID_REQUEST);
        problem.setTitle("Bad request");
        answer(request, response, new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, e));
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, ErrorResponseException refusal) {
        problems.resolveException(request, response, null, refusal);
    }

    /** Only asked on a refusal, which happens only where a scope is needed. */
    private static TokenScope requiredScope(HttpServletRequest request) {
        return RequiredScope.of(request).orElse(RequiredScope.OTHERWISE);
    }

    /**
     * 503, not 500: the request may well succeed once the database (or the issuer) is back; and not 401, which would
     * tell the client that its token is bad when it merely could not be checked.
     */
    static ErrorResponseException unavailable(AuthenticationException e) {
        return e.getCause() instanceof DataAccessException ? catalogUnavailable(e) : issuerUnavailable(e);
    }

    private static ErrorResponseException issuerUnavailable(AuthenticationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The token cannot be checked because the OpenID Connect issuer's configuration or keys cannot be "
                        + "read; retry in a moment.");
        problem.setType(ProblemTypes.ISSUER_UNAVAILABLE);
        problem.setTitle("Issuer unavailable");
        return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, e);
    }

    private static ErrorResponseException catalogUnavailable(AuthenticationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The token cannot be checked because the catalog database is unreachable; retry in a moment.");
        problem.setType(ProblemTypes.CATALOG_UNAVAILABLE);
        problem.setTitle("Catalog unavailable");
        return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, e.getCause());
    }
}
