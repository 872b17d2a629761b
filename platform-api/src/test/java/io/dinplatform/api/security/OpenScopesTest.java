package io.dinplatform.api.security;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.dinplatform.registry.token.ApiTokenRepository;
import io.dinplatform.registry.token.ApiTokens;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code din.security.open-read} and {@code open-predict} open, and what they never open: the platform's
 * security filter chain on its own, with requests that carry no token, over a catalog that fails the test if it is
 * ever asked.
 */
class OpenScopesTest {

    private final List<Exception> refusals = new ArrayList<>();

    @Test
    void openReadLetsAnyoneReadButNotWriteOrPredictOrAdminister() throws Exception {
        try (AnnotationConfigWebApplicationContext chain = chain(true, false)) {
            assertThat(passes(chain, "GET", "/api/v1/datasets")).isTrue();
            assertThat(passes(chain, "GET", "/api/v1/training-runs/1/events")).isTrue();
            assertThat(passes(chain, "POST", "/api/v1/datasets")).isFalse();
            assertThat(passes(chain, "POST", "/api/v1/models/m/predict")).isFalse();
            assertThat(passes(chain, "GET", "/api/v1/tokens")).isFalse();
        }
    }

    @Test
    void openPredictLetsAnyonePredictAndRankButNotRead() throws Exception {
        try (AnnotationConfigWebApplicationContext chain = chain(false, true)) {
            assertThat(passes(chain, "POST", "/api/v1/models/m/predict")).isTrue();
            assertThat(passes(chain, "POST", "/api/v1/models/m/rank")).isTrue();
            assertThat(passes(chain, "POST", "/v2/models/m/infer")).isTrue();
            assertThat(passes(chain, "GET", "/api/v1/models")).isFalse();
            assertThat(passes(chain, "PUT", "/api/v1/models/m/aliases/production")).isFalse();
        }
    }

    @Test
    void closedByDefaultExceptTheDashboardAndHealth() throws Exception {
        try (AnnotationConfigWebApplicationContext chain = chain(false, false)) {
            assertThat(passes(chain, "GET", "/api/v1/datasets")).isFalse();
            assertThat(passes(chain, "POST", "/api/v1/models/m/predict")).isFalse();
            assertThat(passes(chain, "GET", "/")).isTrue();
            assertThat(passes(chain, "GET", "/actuator/health")).isTrue();
        }
        assertThat(refusals).isNotEmpty()
                .allSatisfy(e -> assertThat(e).isInstanceOf(AuthenticationRequiredException.class));
    }

    @Test
    void aTokenSentToAnOpenAddressIsNotChecked() throws Exception {
        try (AnnotationConfigWebApplicationContext chain = chain(true, false)) {
            MockHttpServletRequest request = request("GET", "/api/v1/models");
            request.addHeader("Authorization", "Bearer din_000000000000_stale");
            MockFilterChain next = new MockFilterChain();
            chain.getBean("springSecurityFilterChain", Filter.class).doFilter(request, new MockHttpServletResponse(),
                    next);
            assertThat(next.getRequest()).as("passed on to the API").isNotNull();
        }
    }

    private AnnotationConfigWebApplicationContext chain(boolean openRead, boolean openPredict) {
        AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext();
        context.setServletContext(new MockServletContext());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", java.util.Map.of(
                "din.security.open-read", String.valueOf(openRead),
                "din.security.open-predict", String.valueOf(openPredict))));
        HandlerExceptionResolver recordingRefusals = (request, response, handler, e) -> {
            refusals.add(e);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return new ModelAndView();
        };
        context.addBeanFactoryPostProcessor(factory ->
                factory.registerSingleton("handlerExceptionResolver", recordingRefusals));
        context.register(Chain.class);
        context.refresh();
        return context;
    }

    private static boolean passes(AnnotationConfigWebApplicationContext context, String method, String path)
            throws Exception {
        MockFilterChain next = new MockFilterChain();
        context.getBean("springSecurityFilterChain", Filter.class).doFilter(request(method, path),
                new MockHttpServletResponse(), next);
        return next.getRequest() != null;
    }

    private static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServletPath(path);
        return request;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @Import(SecurityConfiguration.class)
    static class Chain {

        /** A catalog that must never be asked: these requests carry no token. */
        @Bean
        ApiTokens apiTokens() {
            return new ApiTokens(new ApiTokenRepository(JdbcClient.create(new AbstractDataSource() {
                @Override
                public java.sql.Connection getConnection() throws SQLException {
                    throw new AssertionError("the catalog was asked");
                }

                @Override
                public java.sql.Connection getConnection(String username, String password) throws SQLException {
                    return getConnection();
                }
            })));
        }
    }
}
