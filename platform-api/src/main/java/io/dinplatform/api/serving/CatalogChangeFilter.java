package io.dinplatform.api.serving;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Watches the API for requests that change which version a selector resolves to (moving or removing an alias,
 * registering a version) and, once they succeed, makes serving forget the model's cached resolutions, so that the
 * next prediction request already goes to the new version.
 */
public class CatalogChangeFilter extends OncePerRequestFilter {

    private static final Pattern MODEL_CHANGE = Pattern.compile("/api/v1/models/([^/]+)(/aliases/[^/]+|/versions)?");

    private final ResolutionCache resolutions;

    public CatalogChangeFilter(ResolutionCache resolutions) {
        this.resolutions = resolutions;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        Matcher change = MODEL_CHANGE.matcher(request.getRequestURI());
        if (change.matches() && response.getStatus() < 400) {
            resolutions.invalidate(change.group(1));
        }
    }
}
