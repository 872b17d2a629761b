package io.dinplatform.api.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.dinplatform.api.security.oidc.OidcSignOnController;
import io.dinplatform.registry.token.TokenScope;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The scope a request needs, from its method and path: one ordered table of rules that the security filter chain
 * authorizes with (as request matchers), its refusals name, and the OpenAPI document shows, so none of them can
 * disagree with another. Everything under {@code /api/} needs a scope: tokens and the audit log need {@code admin},
 * predictions and rankings {@code predict} (and so does click feedback on what they served: the service that shows the
 * predictions is the one that sees the clicks), other reads {@code read}, and anything else that may change state
 * {@code write}, whether or not an endpoint exists there (unknown is not a way around the check). The Open Inference
 * Protocol's model endpoints ({@code /v2/models/...}: metadata, readiness, infer) need {@code predict}, the scope its
 * clients hold; its server health and metadata ({@code /v2}, {@code /v2/health/...}) are open to reads like the
 * actuator's health. The dashboard's single sign-on settings ({@code /api/v1/auth/oidc}) are read before anyone signs
 * in, so they are open. Outside the API (the dashboard's files, health, metrics, the API documentation) only reads
 * are open.
 */
final class RequiredScope {

    private static final Set<HttpMethod> READING = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Set<HttpMethod> INFERRING =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.POST);

    /** The first rule that matches decides; a request that no rule matches needs {@code write}. */
    static final List<Rule> RULES = List.of(
            Rule.of(Set.of(), "/api/v1/tokens", TokenScope.ADMIN),
            Rule.of(Set.of(), "/api/v1/tokens/**", TokenScope.ADMIN),
            Rule.of(Set.of(), "/api/v1/audit", TokenScope.ADMIN),
            Rule.of(Set.of(HttpMethod.POST), "/api/v1/models/*/predict", TokenScope.PREDICT),
            Rule.of(Set.of(HttpMethod.POST), "/api/v1/models/*/rank", TokenScope.PREDICT),
            Rule.of(Set.of(HttpMethod.POST), "/api/v1/feedback", TokenScope.PREDICT),
            Rule.of(INFERRING, "/v2/models/*/**", TokenScope.PREDICT),
            Rule.of(READING, OidcSignOnController.PATH, null),
            Rule.of(READING, "/api/**", TokenScope.READ),
            Rule.of(READING, "/**", null));

    static final TokenScope OTHERWISE = TokenScope.WRITE;

    /**
     * One rule, parsed once: a path pattern within the application for some methods, and the scope it needs.
     *
     * @param methods         the methods it applies to; empty for every method
     * @param pattern         the path pattern
     * @param scope           the scope it needs, or null when it is open to anyone
     * @param requestMatchers the same as Spring Security's request matchers (one per method)
     */
    record Rule(Set<HttpMethod> methods, PathPattern pattern, TokenScope scope, List<RequestMatcher> requestMatchers) {

        static Rule of(Set<HttpMethod> methods, String pattern, TokenScope scope) {
            PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
            List<RequestMatcher> matchers = methods.isEmpty() ? List.of(builder.matcher(pattern))
                    : methods.stream().<RequestMatcher>map(method -> builder.matcher(method, pattern)).toList();
            return new Rule(methods, PathPatternParser.defaultInstance.parse(pattern), scope, matchers);
        }

        boolean matches(String method, String path) {
            return (methods.isEmpty() || methods.contains(HttpMethod.valueOf(method)))
                    && pattern.matches(PathContainer.parsePath(path));
        }

        boolean matches(HttpServletRequest request) {
            return requestMatchers.stream().anyMatch(matcher -> matcher.matches(request));
        }

        Optional<TokenScope> needs() {
            return Optional.ofNullable(scope);
        }
    }

    private RequiredScope() {
    }

    /**
     * @param method the HTTP method
     * @param path   a path within the application, or a path template of the OpenAPI document
     * @return the scope the request needs, or empty when it is open to anyone
     */
    static Optional<TokenScope> of(String method, String path) {
        return RULES.stream().filter(rule -> rule.matches(method, path)).findFirst()
                .map(Rule::needs).orElse(Optional.of(OTHERWISE));
    }

    /** The scope this request needs, matched as the filter chain matches it. */
    static Optional<TokenScope> of(HttpServletRequest request) {
        return RULES.stream().filter(rule -> rule.matches(request)).findFirst()
                .map(Rule::needs).orElse(Optional.of(OTHERWISE));
    }
}
