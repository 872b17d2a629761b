package io.dinplatform.api.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code din.security.open-read} and {@code open-predict} open, and what they never open: the security filter
 * chain on its own ({@link SecurityChain}), with requests that carry no token (so the catalog is never asked).
 */
class OpenScopesTest {

    private final List<Exception> refusals = new ArrayList<>();

    @Test
    void openReadLetsAnyoneReadButNotWriteOrPredictOrAdminister() throws Exception {
        try (SecurityChain chain = chain(true, false)) {
            assertThat(passes(chain, "GET", "/api/v1/datasets")).isTrue();
            assertThat(passes(chain, "GET", "/api/v1/training-runs/1/events")).isTrue();
            assertThat(passes(chain, "POST", "/api/v1/datasets")).isFalse();
            assertThat(passes(chain, "POST", "/api/v1/models/m/predict")).isFalse();
            assertThat(passes(chain, "GET", "/api/v1/tokens")).isFalse();
        }
    }

    @Test
    void openPredictLetsAnyonePredictAndRankButNotRead() throws Exception {
        try (SecurityChain chain = chain(false, true)) {
            assertThat(passes(chain, "POST", "/api/v1/models/m/predict")).isTrue();
            assertThat(passes(chain, "POST", "/api/v1/models/m/rank")).isTrue();
            assertThat(passes(chain, "POST", "/v2/models/m/infer")).isTrue();
            assertThat(passes(chain, "GET", "/api/v1/models")).isFalse();
            assertThat(passes(chain, "PUT", "/api/v1/models/m/aliases/production")).isFalse();
        }
    }

    @Test
    void closedByDefaultExceptTheDashboardAndHealth() throws Exception {
        try (SecurityChain chain = chain(false, false)) {
            assertThat(passes(chain, "GET", "/api/v1/datasets")).isFalse();
            assertThat(passes(chain, "POST", "/api/v1/models/m/predict")).isFalse();
            assertThat(passes(chain, "GET", "/")).isTrue();
            assertThat(passes(chain, "GET", "/actuator/health")).isTrue();
        }
        assertThat(refusals).hasSize(2)
                .allSatisfy(e -> assertThat(e).isInstanceOf(AuthenticationRequiredException.class));
    }

    @Test
    void aTokenSentWhereNoneIsNeededIsNotChecked() throws Exception {
        try (SecurityChain chain = chain(true, false)) {
            for (String path : List.of("/api/v1/models", "/", "/actuator/health")) {
                MockHttpServletRequest request = SecurityChain.request("GET", path);
                request.addHeader("Authorization", "Bearer din_000000000000_stale");
                assertThat(chain.send(request).passed()).as("GET %s", path).isTrue();
            }
        }
    }

    private SecurityChain chain(boolean openRead, boolean openPredict) {
        HandlerExceptionResolver recordingRefusals = (request, response, handler, e) -> {
            refusals.add(e);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return new ModelAndView();
        };
        return new SecurityChain(Map.of("din.security.open-read", openRead, "din.security.open-predict",
                openPredict), recordingRefusals);
    }

    private static boolean passes(SecurityChain chain, String method, String path) throws Exception {
        return chain.send(SecurityChain.request(method, path)).passed();
    }
}
