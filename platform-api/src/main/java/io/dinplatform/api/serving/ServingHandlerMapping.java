package io.dinplatform.api.serving;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

/**
 * Finds the predict and rank handlers by reading the path, {@code /api/v1/models/{name}/predict} or
 * {@code .../rank}, with plain string comparisons. Spring's {@code RequestMappingHandlerMapping} finds a path with a
 * variable by matching it against every route of the API in turn; this mapping, ordered before it, answers the two
 * serving routes, the hottest of the API, at the cost of one {@code indexOf}. It sets what that mapping would set
 * for them (the path variable, the matched pattern for the request metrics), so the controller, its argument
 * resolution and the error handling are the same.
 *
 * <p>Whatever it is not sure of it leaves to Spring's mapping, which then answers as before: another method or path,
 * a percent-encoded or matrix-parameter path, and a body whose content type is not JSON (415 there).
 */
final class ServingHandlerMapping extends AbstractHandlerMapping {

    private static final String MODELS = "/api/v1/models/";
    private static final String PREDICT = "/predict";
    private static final String RANK = "/rank";
    private static final MediaType ANY_JSON = MediaType.parseMediaType("application/*+json");

    private final HandlerMethod predict;
    private final HandlerMethod rank;

    ServingHandlerMapping(PredictionController controller) {
        this.predict = handler(controller, "predict");
        this.rank = handler(controller, "rank");
        setOrder(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    protected Object getHandlerInternal(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        String uri = request.getRequestURI();
        int start = request.getContextPath().length() + MODELS.length();
        if (!uri.startsWith(MODELS, start - MODELS.length())) {
            return null;
        }
        int nameEnd = uri.indexOf('/', start);
        if (nameEnd <= start || uri.indexOf('%', start) >= 0 || uri.indexOf(';', start) >= 0) {
            return null;
        }
        HandlerMethod handler;
        String pattern;
        if (!isJson(request)) {
            return null;
        }
        if (uri.length() == nameEnd + PREDICT.length() && uri.startsWith(PREDICT, nameEnd)) {
            handler = predict;
            pattern = "/api/v1/models/{name}/predict";
        } else if (uri.length() == nameEnd + RANK.length() && uri.startsWith(RANK, nameEnd)) {
            handler = rank;
            pattern = "/api/v1/models/{name}/rank";
        } else {
            return null;
        }
        request.setAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
        request.setAttribute(HandlerMapping.PATH_WITHIN_HANDLER_MAPPING_ATTRIBUTE, uri.substring(start
                - MODELS.length()));
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE,
                Map.of("name", uri.substring(start, nameEnd)));
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setPathPattern(pattern));
        return handler;
    }

    /** What predict's and rank's {@code consumes} declare: {@code application/json} or {@code application/*+json}. */
    private static boolean isJson(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.includes(type) || ANY_JSON.includes(type);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static HandlerMethod handler(PredictionController controller, String name) {
        for (var method : PredictionController.class.getMethods()) {
            if (method.getName().equals(name)) {
                return new HandlerMethod(controller, method);
            }
        }
        throw new IllegalStateException("PredictionController has no method " + name);
    }
}
