package io.dinplatform.api.security.oidc;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.dinplatform.api.TestHttp;
import jakarta.servlet.Filter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.JsonNode;

/**
 * A real OpenID Connect issuer for the tests: Spring Authorization Server on a free port of 127.0.0.1, with an RSA
 * key the test also holds (to sign tokens the issuer would not, such as an expired one), a confidential client that
 * mints tokens with client credentials, a client of another application (tokens for another audience), the
 * dashboard's public client (authorization code with PKCE), and a user with a password. Access tokens for the
 * platform's clients carry the audience {@link #AUDIENCE}; the user's carry the groups {@link #GROUPS}. It counts
 * the requests it receives, so that a test can show that the platform asked it nothing.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String AUDIENCE = "din-platform";
    public static final String SERVICE_CLIENT = "din-scoring-service";
    public static final String SERVICE_SECRET = "scoring-service-secret";
    public static final String OTHER_APPLICATION = "another-application";
    public static final String OTHER_SECRET = "another-application-secret";
    public static final String DASHBOARD_CLIENT = "din-dashboard";
    public static final String USER = "ada";
    public static final String PASSWORD = "correct-horse-battery";
    public static final List<String> GROUPS = List.of("data-science", "reviewers");
    /** The scopes the clients may ask for: the platform maps {@code din.<scope>} and {@code models:serve}. */
    public static final List<String> SCOPES = List.of("openid", "din.read", "din.write", "din.predict", "din.admin",
            "models:serve", "profile");

    private static TestIssuer shared;

    private final RSAKey key;
    private final InMemoryRegisteredClientRepository clients;
    private final AtomicInteger requests = new AtomicInteger();
    private final ConfigurableApplicationContext context;

    private TestIssuer() {
        this.key = rsaKey(UUID.randomUUID().toString());
        this.clients = new InMemoryRegisteredClientRepository(serviceClient(SERVICE_CLIENT, SERVICE_SECRET),
                serviceClient(OTHER_APPLICATION, OTHER_SECRET));
        SpringApplication application = new SpringApplication(IssuerApplication.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        application.addInitializers(context -> {
            context.getBeanFactory().registerSingleton("issuerKey", key);
            context.getBeanFactory().registerSingleton("registeredClients", clients);
            context.getBeanFactory().registerSingleton("requestCount", requests);
        });
        // the platform's application.properties is on the class path: the issuer reads none of it
        this.context = application.run("--spring.config.name=test-issuer", "--server.port=0",
                "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                // no servlet of its own: Tomcat runs the filters, Spring Security's included, only for a mapped servlet
                "--server.servlet.register-default-servlet=true");
    }

    /** The issuer of the JVM, started at the first call (the platform's test contexts are cached, so it is too). */
    public static synchronized TestIssuer shared() {
        if (shared == null) {
            shared = new TestIssuer();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** The issuer's identifier, as its tokens name it. */
    public String uri() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** How many requests it has received so far. */
    public int requests() {
        return requests.get();
    }

    /** Registers the dashboard's public client, once, with its redirect address. */
    public synchronized void allowDashboard(String redirectUri) {
        if (clients.findByClientId(DASHBOARD_CLIENT) != null) {
            return;
        }
        clients.save(RegisteredClient.withId(UUID.randomUUID().toString()).clientId(DASHBOARD_CLIENT)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(redirectUri).scopes(scopes -> scopes.addAll(SCOPES))
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
                        .build())
                .build());
    }

    /** An access token the issuer mints for a client (client credentials grant) with these scopes. */
    public String clientToken(String clientId, String secret, String scopes) {
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("scope", scopes);
        JsonNode answer = TestHttp.builder().baseUrl(uri()).build().post().uri("/oauth2/token")
                .headers(headers -> headers.setBasicAuth(clientId, secret))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().body(JsonNode.class);
        return answer.get("access_token").asString();
    }

    /** A token signed with the issuer's own key, claims as given: to make one the issuer would not. */
    public String signWithIssuerKey(JwtClaimsSet claims) {
        return sign(key, claims);
    }

    /** A token signed with a key of the same id that is not the issuer's. */
    public String signWithAnotherKey(JwtClaimsSet claims) {
        return sign(rsaKey(key.getKeyID()), claims);
    }

    /** Claims as the issuer writes them for the platform, valid for the given time. */
    public JwtClaimsSet.Builder claims(String subject, Instant issuedAt, Duration lifetime, String scope) {
        return JwtClaimsSet.builder().issuer(uri()).subject(subject).audience(List.of(AUDIENCE))
                .issuedAt(issuedAt).notBefore(issuedAt).expiresAt(issuedAt.plus(lifetime))
                .id(UUID.randomUUID().toString()).claim("scope", List.of(scope.split(" ")));
    }

    @Override
    public void close() {
        context.close();
    }

    private static String sign(RSAKey key, JwtClaimsSet claims) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256)
                .keyId(key.getKeyID()).build(), claims)).getTokenValue();
    }

    private static RSAKey rsaKey(String keyId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(keyId).build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has RSA", e);
        }
    }

    private static RegisteredClient serviceClient(String clientId, String secret) {
        return RegisteredClient.withId(UUID.randomUUID().toString()).clientId(clientId)
                .clientSecret("{noop}" + secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(scopes -> scopes.addAll(SCOPES)).build();
    }

    /** The issuer's Spring configuration: only a web server and Spring Security, none of the platform. */
    @EnableWebSecurity
    @ImportAutoConfiguration(TomcatServletWebServerAutoConfiguration.class)
    static class IssuerApplication {

        /** The issuer's endpoints, open to the dashboard's origin (discovery and the token endpoint, from the SPA). */
        @Bean
        @Order(1)
        SecurityFilterChain issuerEndpoints(HttpSecurity http) throws Exception {
            http.oauth2AuthorizationServer(issuer -> {
                http.securityMatcher(issuer.getEndpointsMatcher());
                issuer.oidc(Customizer.withDefaults());
            })
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .cors(cors -> cors.configurationSource(anyOrigin()))
                    .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
            return http.build();
        }

        /** Everything else: the sign-in form. */
        @Bean
        @Order(2)
        SecurityFilterChain signInForm(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults()).build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername(USER).password("{noop}" + PASSWORD)
                    .roles("USER").build());
        }

        @Bean
        JWKSource<SecurityContext> jwkSource(RSAKey issuerKey) {
            return new ImmutableJWKSet<>(new JWKSet(issuerKey));
        }

        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
            return NimbusJwtDecoder.withJwkSource(keys).build();
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings() {
            return AuthorizationServerSettings.builder().build();
        }

        /** The platform's audience on access tokens for its clients; the user's groups. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> platformClaims() {
            return context -> {
                if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                    return;
                }
                String client = context.getRegisteredClient().getClientId();
                if (!client.equals(OTHER_APPLICATION)) {
                    context.getClaims().audience(List.of(AUDIENCE));
                }
                if (USER.equals(context.getPrincipal().getName())) {
                    context.getClaims().claim("groups", GROUPS);
                }
            };
        }

        @Bean
        FilterRegistrationBean<Filter> requestCounter(AtomicInteger requestCount) {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                requestCount.incrementAndGet();
                chain.doFilter(request, response);
            });
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        /** Spring Security's filters in front of everything else (Boot's security auto-configuration is not used). */
        @Bean
        DelegatingFilterProxyRegistrationBean securityFilters() {
            DelegatingFilterProxyRegistrationBean registration =
                    new DelegatingFilterProxyRegistrationBean("springSecurityFilterChain");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
            return registration;
        }

        private static UrlBasedCorsConfigurationSource anyOrigin() {
            CorsConfiguration cors = new CorsConfiguration();
            cors.addAllowedOriginPattern("*");
            cors.setAllowedMethods(List.of("GET", "POST"));
            cors.addAllowedHeader("*");
            UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/**", cors);
            return source;
        }
    }
}
