package io.dinplatform.api.security;

import java.io.IOException;
import java.util.Optional;

import io.dinplatform.api.error.ProblemTypes;
import io.dinplatform.registry.token.TokenScope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Lets a request through only with a token that has the scope the request needs ({@link RequiredScope}), before
 * anything reads its body: 401 without a valid token, 403 with one that lacks the scope, both as problem details.
 * The token's id (never its text) is kept in the request attribute {@link #TOKEN_ID} for whoever wants to record
 * who acted.
 */
class ApiTokenFilter extends OncePerRequestFilter {

    static final String TOKEN_ID = ApiTokenFilter.class.getName() + ".tokenId";

    private final BearerTokenCheck tokens;
    private final HandlerExceptionResolver problems;

    /** @param problems answers 401 and 403 as the API answers every error (problem details) */
    ApiTokenFilter(BearerTokenCheck tokens, HandlerExceptionResolver problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<TokenScope> required = RequiredScope.of(request.getMethod(), request.getServletPath()
                + (request.getPathInfo() == null ? "" : request.getPathInfo()));
        if (required.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        try {
            tokens.authorize(request.getHeader(HttpHeaders.AUTHORIZATION), required.get())
                    .ifPresent(token -> request.setAttribute(TOKEN_ID, token.id()));
        } catch (ErrorResponseException refused) {
            problems.resolveException(request, response, null, refused);
            return;
        } catch (DataAccessException e) {
            problems.resolveException(request, response, null, catalogUnavailable(e));
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * 503, not 500: the request may well succeed once the database is back; and not 401, which would tell the client
     * that its token is bad when it merely could not be checked.
     */
    private static ErrorResponseException catalogUnavailable(DataAccessException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The token cannot be checked because the catalog database is unreachable; retry in a moment.");
        problem.setType(ProblemTypes.CATALOG_UNAVAILABLE);
        problem.setTitle("Catalog unavailable");
        return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, e);
    }
}
