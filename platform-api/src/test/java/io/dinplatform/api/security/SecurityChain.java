package io.dinplatform.api.security;

import java.sql.Connection;
import java.util.Map;

import io.dinplatform.registry.token.ApiTokenRepository;
import io.dinplatform.registry.token.ApiTokens;
import jakarta.servlet.Filter;
import org.springframework.context.annotation.Bean;
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

/**
 * The platform's security filter chain on its own ({@link SecurityConfiguration} and Spring Security, nothing
 * else), over a token catalog that fails the test if it is ever asked: for requests that carry no token.
 */
final class SecurityChain implements AutoCloseable {

    private final AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext();

    /** A request as the chain saw it, the answer it wrote, and whether it let the request on to the API. */
    record Outcome(MockHttpServletResponse response, boolean passed) {
    }

    /**
     * @param settings {@code din.security.*} and other properties
     * @param problems what answers a refusal (the MVC exception resolver in the application)
     */
    SecurityChain(Map<String, Object> settings, HandlerExceptionResolver problems) {
        context.setServletContext(new MockServletContext());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", settings));
        context.addBeanFactoryPostProcessor(factory -> factory.registerSingleton("handlerExceptionResolver", problems));
        context.register(Chain.class);
        context.refresh();
    }

    Outcome send(MockHttpServletRequest request) throws Exception {
        MockFilterChain next = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();
        context.getBean("springSecurityFilterChain", Filter.class).doFilter(request, response, next);
        return new Outcome(response, next.getRequest() != null);
    }

    static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServletPath(path);
        return request;
    }

    @Override
    public void close() {
        context.close();
    }

    /** Not a {@code @Configuration}: the application's component scan must not find it. */
    @EnableWebSecurity
    @Import(SecurityConfiguration.class)
    static class Chain {

        @Bean
        ApiTokens apiTokens() {
            return new ApiTokens(new ApiTokenRepository(JdbcClient.create(new AbstractDataSource() {
                @Override
                public Connection getConnection() {
                    throw new AssertionError("the catalog was asked");
                }

                @Override
                public Connection getConnection(String username, String password) {
                    return getConnection();
                }
            })));
        }
    }
}
