package io.dinplatform.api.security;

import java.time.Clock;

import io.dinplatform.registry.token.ApiTokens;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** API tokens: the filter that checks them, the first-start admin token, and their place in the OpenAPI document. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    /** Early, so that a refused request is answered before any other filter reads or buffers its body. */
    static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

    @Bean
    TokenAuthenticator tokenAuthenticator(ApiTokens tokens, SecurityProperties properties) {
        return new TokenAuthenticator(tokens, properties, Clock.systemUTC());
    }

    @Bean
    BearerTokenCheck bearerTokenCheck(TokenAuthenticator authenticator, SecurityProperties properties) {
        return new BearerTokenCheck(authenticator, properties);
    }

    @Bean
    FilterRegistrationBean<ApiTokenFilter> apiTokenFilter(
            BearerTokenCheck tokens, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        FilterRegistrationBean<ApiTokenFilter> registration =
                new FilterRegistrationBean<>(new ApiTokenFilter(tokens, problems));
        registration.addUrlPatterns("/*");
        registration.setOrder(FILTER_ORDER);
        return registration;
    }

    @Bean
    BootstrapAdminToken bootstrapAdminToken(ApiTokens tokens, SecurityProperties properties) {
        return new BootstrapAdminToken(tokens, properties);
    }

    @Bean
    OpenApiCustomizer scopeDocumentation() {
        return new ScopeDocumentation();
    }
}
