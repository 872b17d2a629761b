package io.dinplatform.api.openapi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.dinplatform.api.TestHttp;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI document as a contract: an interceptor for the tests' HTTP client checks every exchange against
 * it with Atlassian's validator (an undocumented status, content type or field, or a missing required one, is a
 * violation: the validator treats every object schema as closed), and {@link #assertKept()} fails the test on any.
 */
public final class OpenApiContract {

    private static final Map<Integer, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();
    /** The part of the platform this contract covers: its REST API. */
    private static final String API = "/api/";

    /** The validator's keys for a request to a path or method the document does not have. */
    private static final Set<String> UNDOCUMENTED_REQUESTS = Set.of("validation.request.path.missing",
            "validation.request.operation.notAllowed");

    private final OpenApiInteractionValidator validator;
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    private OpenApiContract(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    /** The contract of the platform on {@code localhost:port}: its {@code /v3/api-docs}, read once per server. */
    public static OpenApiContract served(int port) {
        return new OpenApiContract(VALIDATORS.computeIfAbsent(port, OpenApiContract::validatorOf));
    }

    /** Checks the requests and the answers. */
    public ClientHttpRequestInterceptor checkingExchanges() {
        return (request, body, execution) -> exchange(request, body, execution, true);
    }

    /**
     * Checks only the answers: for requests that break the contract on purpose (hostile input). An answer to a path
     * or method that the document does not have (an unknown path, a mangled one) has no documented answer to check.
     */
    public ClientHttpRequestInterceptor checkingAnswers() {
        return (request, body, execution) -> exchange(request, body, execution, false);
    }

    /** Fails with every violation seen so far. */
    public void assertKept() {
        assertThat(violations).as("exchanges that break the OpenAPI document").isEmpty();
    }

    private ClientHttpResponse exchange(HttpRequest request, byte[] body, ClientHttpRequestExecution execution,
                                        boolean checkRequest) throws IOException {
        ClientHttpResponse response = execution.execute(request, body);
        byte[] answer;
        try (InputStream in = response.getBody()) {
            answer = in.readAllBytes();
        }
        if (!request.getURI().getRawPath().startsWith(API)) {
            // The Open Inference Protocol's /v2 answers follow that protocol's own specification (its error form,
            // its tensors), which the protocol's tests check; this contract is the platform's REST API.
            return new BufferedResponse(response, answer);
        }
        Request checked = request(request, body);
        ValidationReport report = checkRequest
                ? validator.validate(checked, response(response, answer))
                : validator.validateResponse(checked.getPath(), checked.getMethod(), response(response, answer));
        if (!checkRequest) {
            report = ValidationReport.from(report.getMessages().stream()
                    .filter(message -> !UNDOCUMENTED_REQUESTS.contains(message.getKey())).toList());
        }
        if (report.hasErrors()) {
            violations.add(request.getMethod() + " " + request.getURI().getRawPath() + " -> "
                    + response.getStatusCode().value() + ": " + report.getMessages() + " (answer: "
                    + abbreviate(new String(answer, StandardCharsets.UTF_8)) + ")");
        }
        return new BufferedResponse(response, answer);
    }

    private static Request request(HttpRequest request, byte[] body) {
        URI uri = request.getURI();
        SimpleRequest.Builder builder = new SimpleRequest.Builder(request.getMethod().name(), uri.getRawPath());
        UriComponentsBuilder.fromUri(uri).build().getQueryParams()
                .forEach((name, values) -> builder.withQueryParam(name, values));
        request.getHeaders().forEach(builder::withHeader);
        if (body.length > 0) {
            builder.withBody(body);
        }
        return builder.build();
    }

    private static SimpleResponse response(ClientHttpResponse response, byte[] body) throws IOException {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.getStatusCode().value());
        response.getHeaders().forEach(builder::withHeader);
        if (body.length > 0) {
            builder.withBody(body);
        }
        return builder.build();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static OpenApiInteractionValidator validatorOf(int port) {
        String document = TestHttp.builder().build().get().uri("http://localhost:" + port + "/v3/api-docs")
                .retrieve().body(String.class);
        return OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
    }

    /** The answer again, from the bytes the check read. */
    private record BufferedResponse(ClientHttpResponse response, byte[] body) implements ClientHttpResponse {

        @Override
        public HttpStatusCode getStatusCode() throws IOException {
            return response.getStatusCode();
        }

        @Override
        public String getStatusText() throws IOException {
            return response.getStatusText();
        }

        @Override
        public void close() {
            response.close();
        }

        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public HttpHeaders getHeaders() {
            return response.getHeaders();
        }
    }
}
