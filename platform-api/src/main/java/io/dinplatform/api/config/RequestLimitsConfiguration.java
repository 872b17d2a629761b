package io.dinplatform.api.config;

import io.dinplatform.api.serving.RequestBodyLimitFilter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** The body limit of the API's JSON requests other than predict and rank (which serving bounds itself). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiBodyLimit.class)
public class RequestLimitsConfiguration {

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> apiBodyLimit(
            ApiBodyLimit limit, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                RequestBodyLimitFilter.otherApiBodies(limit.maxBodySize(), "din.api.max-body-size", problems));
        registration.addUrlPatterns("/api/*");
        // the serving limit is the same filter class: without a name of its own, one of the two would be dropped
        registration.setName("apiBodyLimit");
        return registration;
    }
}
