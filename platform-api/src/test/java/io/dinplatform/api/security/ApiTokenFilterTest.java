package io.dinplatform.api.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code din.security.open-read} and {@code open-predict} open, and what they never open: the filter on its
 * own, with requests that carry no token (so the catalog is never asked).
 */
class ApiTokenFilterTest {

    private final List<Exception> refusals = new ArrayList<>();

    @Test
    void openReadLetsAnyoneReadButNotWriteOrPredictOrAdminister() throws Exception {
        ApiTokenFilter filter = filter(true, false);

        assertThat(passes(filter, "GET", "/api/v1/datasets")).isTrue();
        assertThat(passes(filter, "GET", "/api/v1/training-runs/1/events")).isTrue();
        assertThat(passes(filter, "POST", "/api/v1/datasets")).isFalse();
        assertThat(passes(filter, "POST", "/api/v1/models/m/predict")).isFalse();
        assertThat(passes(filter, "GET", "/api/v1/tokens")).isFalse();
    }

    @Test
    void openPredictLetsAnyonePredictAndRankButNotRead() throws Exception {
        ApiTokenFilter filter = filter(false, true);

        assertThat(passes(filter, "POST", "/api/v1/models/m/predict")).isTrue();
        assertThat(passes(filter, "POST", "/api/v1/models/m/rank")).isTrue();
        assertThat(passes(filter, "GET", "/api/v1/models")).isFalse();
        assertThat(passes(filter, "PUT", "/api/v1/models/m/aliases/production")).isFalse();
    }

    @Test
    void closedByDefaultExceptTheDashboardAndHealth() throws Exception {
        ApiTokenFilter filter = filter(false, false);

        assertThat(passes(filter, "GET", "/api/v1/datasets")).isFalse();
        assertThat(passes(filter, "POST", "/api/v1/models/m/predict")).isFalse();
        assertThat(passes(filter, "GET", "/")).isTrue();
        assertThat(passes(filter, "GET", "/actuator/health")).isTrue();
        assertThat(refusals).allSatisfy(e -> assertThat(e).isInstanceOf(AuthenticationRequiredException.class));
    }

    private ApiTokenFilter filter(boolean openRead, boolean openPredict) {
        SecurityProperties properties = new SecurityProperties(null, openRead, openPredict, Duration.ofSeconds(10));
        HandlerExceptionResolver problems = (request, response, handler, e) -> {
            refusals.add(e);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return new ModelAndView();
        };
        return new ApiTokenFilter(new BearerTokenCheck(null, properties), problems);
    }

    private static boolean passes(ApiTokenFilter filter, String method, String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServletPath(path);
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        return chain.getRequest() != null;
    }
}
