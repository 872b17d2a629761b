package io.dinplatform.api;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client of the tests: a {@link RestClient} on the JDK's HttpClient, which shows every answer as the
 * platform gave it. Left to itself, {@code RestClient.builder()} picks Apache HttpClient 5 (on the class path for the
 * S3 artifact store), which retries a 429 or a 503 on its own and would hide the very answers the tests check.
 */
public final class TestHttp {

    private TestHttp() {
    }

    public static RestClient.Builder builder() {
        return RestClient.builder().requestFactory(new JdkClientHttpRequestFactory());
    }

    /**
     * A client of the platform on {@code localhost:port} that sends the token with every request and never throws on
     * a status: every status is asserted by the test itself.
     */
    public static RestClient client(int port, String token) {
        return builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + token)
                .defaultStatusHandler(status -> true, (request, response) -> {
                    // every status is asserted by the test itself
                })
                .build();
    }
}
