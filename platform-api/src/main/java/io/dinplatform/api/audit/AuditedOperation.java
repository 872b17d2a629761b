package io.dinplatform.api.audit;

import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * One change the API makes at an address, and how its entry names the resource: from a variable of the address
 * (e.g. {@code /api/v1/models/{name}/aliases/{alias}}), or, for an operation that creates the resource, from the
 * {@code Location} of its answer (e.g. {@code /api/v1/training-runs/{id}}); the detail is a second variable with its
 * name ("alias production", "version 3").
 *
 * @param method           the HTTP method
 * @param path             the address's pattern
 * @param action           what the entry calls the change
 * @param resourceType     the kind of resource it changes
 * @param location         the pattern of the created resource's address, or null
 * @param resourceVariable the variable that names the resource
 * @param detailVariable   the variable that identifies the change further, or null
 */
record AuditedOperation(HttpMethod method, PathPattern path, String action, String resourceType,
                        PathPattern location, String resourceVariable, String detailVariable) {

    /** A change to the resource its address names. */
    static AuditedOperation on(HttpMethod method, String path, String action, String resourceType,
                               String resourceVariable, String detailVariable) {
        return new AuditedOperation(method, parse(path), action, resourceType, null, resourceVariable,
                detailVariable);
    }

    /** A change that creates a resource, named by the {@code Location} of a successful answer. */
    static AuditedOperation creating(HttpMethod method, String path, String action, String resourceType,
                                     String location, String resourceVariable, String detailVariable) {
        return new AuditedOperation(method, parse(path), action, resourceType, parse(location), resourceVariable,
                detailVariable);
    }

    /** The address's variables when the request is this operation's. */
    Optional<Map<String, String>> match(String requestMethod, PathContainer requestPath) {
        if (!method.matches(requestMethod)) {
            return Optional.empty();
        }
        PathPattern.PathMatchInfo matched = path.matchAndExtract(requestPath);
        return matched == null ? Optional.empty() : Optional.of(matched.getUriVariables());
    }

    /** The variables of the created resource's address; empty when there is none (a refusal has no Location). */
    Map<String, String> locationVariables(String locationHeader) {
        if (location == null || locationHeader == null) {
            return Map.of();
        }
        PathPattern.PathMatchInfo matched = location.matchAndExtract(PathContainer.parsePath(locationHeader));
        return matched == null ? Map.of() : matched.getUriVariables();
    }

    /** The detail from the variables: the variable's name and value, or null. */
    String detail(Map<String, String> variables) {
        String value = detailVariable == null ? null : variables.get(detailVariable);
        return value == null ? null : detailVariable + " " + value;
    }

    private static PathPattern parse(String pattern) {
        return PathPatternParser.defaultInstance.parse(pattern);
    }
}
