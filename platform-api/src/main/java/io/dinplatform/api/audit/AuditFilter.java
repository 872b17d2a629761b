package io.dinplatform.api.audit;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.dinplatform.api.audit.AuditedOperations.Matched;
import io.dinplatform.api.security.PrincipalName;
import io.dinplatform.registry.audit.AuditOutcome;
import io.dinplatform.registry.audit.NewAuditEntry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Records every change made through the API's addresses ({@link AuditedOperations}) with the status that answered
 * it: 2xx as a success, 4xx (no valid token, a missing scope, a bad or conflicting request, an unknown resource) as
 * refused, 5xx as failed. It sits in the security filter chain right after the security context is set up, so that
 * it sees the refusals of the filters after it and, once the chain returns, the caller they authenticated.
 *
 * <p>The answer to a change is small: it is held back until the entry is written, so that a client that sees the
 * answer finds the entry in the log. A success status means that the change committed: the services commit before
 * the controllers answer. Only names and ids from the address and the {@code Location} are recorded, never a body.
 */
final class AuditFilter extends OncePerRequestFilter {

    private final AuditTrail trail;

    AuditFilter(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Matched> change = AuditedOperations.match(request.getMethod(),
                request.getRequestURI().substring(request.getContextPath().length()));
        if (change.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, answer);
        } catch (IOException | ServletException | RuntimeException e) {
            // no handler answered it: the container will, with a 500
            record(change.get(), HttpStatus.INTERNAL_SERVER_ERROR.value(), null);
            throw e;
        }
        record(change.get(), answer.getStatus(), answer.getHeader(HttpHeaders.LOCATION));
        answer.copyBodyToResponse();
    }

    private void record(Matched change, int status, String location) {
        AuditedOperation operation = change.operation();
        Map<String, String> variables = new HashMap<>(change.variables());
        variables.putAll(operation.locationVariables(location));
        String who = PrincipalName.of(SecurityContextHolder.getContext().getAuthentication());
        trail.record(new NewAuditEntry(who, operation.action(), operation.resourceType(),
                variables.get(operation.resourceVariable()), operation.detail(variables),
                AuditOutcome.ofStatus(status), status));
    }
}
