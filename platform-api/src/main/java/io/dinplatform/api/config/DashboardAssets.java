package io.dinplatform.api.config;

import java.time.Duration;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard's built scripts and styles may be kept by any cache for a year without asking again: Vite names each
 * file under {@code assets/} by a hash of its content, so a new build's files have new names. The page that names
 * them ({@code index.html}) keeps the platform's {@code no-store}, so every load finds the current build.
 */
@Configuration(proxyBeanMethods = false)
public class DashboardAssets implements WebMvcConfigurer {

    private static final String PATTERN = "/assets/**";
    private static final CacheControl CACHING = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(PATTERN).addResourceLocations("classpath:/META-INF/resources/assets/")
                .setCacheControl(CACHING);
    }
}
