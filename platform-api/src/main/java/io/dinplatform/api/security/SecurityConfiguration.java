package io.dinplatform.api.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.dinplatform.api.security.RequiredScope.Rule;
import io.dinplatform.api.security.oidc.OidcProperties;
import io.dinplatform.api.security.oidc.OidcTokenAuthenticationProvider;
import io.dinplatform.registry.token.ApiTokens;
import io.dinplatform.registry.token.TokenScope;
import jakarta.servlet.DispatcherType;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * API tokens on Spring Security: a stateless filter chain (no session, no CSRF: a bearer token is never sent by a
 * browser on its own) that authenticates {@code Authorization: Bearer} tokens against the token store, authorizes
 * every request by the scope its method and path need ({@link RequiredScope}'s rules as request matchers, scopes as
 * authorities), answers refusals as problem details ({@link TokenRefusals}) and writes the security headers
 * ({@link SecurityHeaders}); the first-start admin token; and the scopes in the OpenAPI document. With single
 * sign-on on ({@code din.security.oidc.issuer-uri}), JWT access tokens of the issuer authenticate beside API tokens,
 * through the same manager, with the same scope authorities.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, SecurityObservationProperties.class})
public class SecurityConfiguration {

    @Bean
    TokenAuthenticator tokenAuthenticator(ApiTokens tokens, SecurityProperties properties) {
        return new TokenAuthenticator(tokens, properties, Clock.systemUTC());
    }

    /**
     * The one authentication manager, the filter chain's and gRPC's: API tokens against the token store, and, with
     * single sign-on on, the issuer's JWTs (each kind of presented token has its own provider).
     */
    @Bean
    AuthenticationManager apiTokenAuthenticationManager(TokenAuthenticator tokens, SecurityProperties properties,
                                                        ApplicationEventPublisher events) {
        List<AuthenticationProvider> providers = new ArrayList<>(List.of(new ApiTokenAuthenticationProvider(tokens)));
        if (properties.oidc().enabled()) {
            providers.add(OidcTokenAuthenticationProvider.of(properties.oidc(), events, Clock.systemUTC()));
        }
        return new ProviderManager(providers);
    }

    /** The single sign-on settings, for the dashboard's sign-on answer. */
    @Bean
    OidcProperties oidcProperties(SecurityProperties properties) {
        return properties.oidc();
    }

    @Bean
    BearerTokenCheck bearerTokenCheck(AuthenticationManager tokens, SecurityProperties properties) {
        return new BearerTokenCheck(tokens, bearer(properties), properties);
    }

    /** Refusals as problem details; also Spring Security's answer to an address its firewall refuses. */
    @Bean
    TokenRefusals tokenRefusals(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        return new TokenRefusals(problems);
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationManager tokens, SecurityProperties properties,
                                    TokenRefusals refusals) throws Exception {
        return http
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .addFilterBefore(bearerTokens(tokens, properties, refusals), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> authorizeByScope(requests, properties))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .headers(new SecurityHeaders(properties.oidc().issuerOrigin()))
                .build();
    }

    /** Which of Spring Security's observations are made ({@code din.security.observations.*}). */
    @Bean
    SecurityObservationSettings securityObservationSettings(SecurityObservationProperties observe) {
        return SecurityObservationSettings.withDefaults()
                .shouldObserveRequests(observe.filterChain())
                .shouldObserveAuthentications(observe.authentications())
                .shouldObserveAuthorizations(observe.authorizations())
                .build();
    }

    @Bean
    BootstrapAdminToken bootstrapAdminToken(ApiTokens tokens, SecurityProperties properties) {
        return new BootstrapAdminToken(tokens, properties);
    }

    @Bean
    OpenApiCustomizer scopeDocumentation() {
        return new ScopeDocumentation();
    }

    /**
     * Authenticates a presented token only where the request needs a scope, so that a stale token sent to an open
     * address (the dashboard's files, health) is not refused, as no token is asked for there.
     */
    private static AuthenticationFilter bearerTokens(AuthenticationManager tokens, SecurityProperties properties,
                                                     TokenRefusals refusals) {
        AuthenticationFilter filter = new AuthenticationFilter(tokens, bearer(properties));
        filter.setRequestMatcher(needsAToken(properties));
        filter.setSuccessHandler((request, response, authentication) -> {
            // on to the authorization: a token authenticates a request, it does not redirect it
        });
        filter.setFailureHandler(refusals);
        return filter;
    }

    private static BearerTokenConverter bearer(SecurityProperties properties) {
        return new BearerTokenConverter(properties.oidc().enabled());
    }

    private static RequestMatcher needsAToken(SecurityProperties properties) {
        Predicate<TokenScope> open = properties::opens;
        return request -> RequiredScope.of(request).filter(open.negate()).isPresent();
    }

    /**
     * Each rule as request matchers with the scope's authority, in order. Only the request itself is authorized: a
     * forward, an error page or an asynchronous dispatch belongs to a request that was authorized already.
     */
    private static void authorizeByScope(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests,
            SecurityProperties properties) {
        requests.dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.INCLUDE, DispatcherType.ERROR,
                DispatcherType.ASYNC).permitAll();
        for (Rule rule : RequiredScope.RULES) {
            var matched = requests.requestMatchers(rule.requestMatchers().toArray(RequestMatcher[]::new));
            if (rule.needs().filter(scope -> !properties.opens(scope)).isPresent()) {
                matched.hasAuthority(ApiTokenAuthentication.authority(rule.scope()));
            } else {
                matched.permitAll();
            }
        }
        TokenScope otherwise = RequiredScope.OTHERWISE;
        if (properties.opens(otherwise)) {
            requests.anyRequest().permitAll();
        } else {
            requests.anyRequest().hasAuthority(ApiTokenAuthentication.authority(otherwise));
        }
    }
}
