package io.dinplatform.client;

import java.net.URI;
import java.util.Objects;

import io.dinplatform.client.api.BatchPredictionsApi;
import io.dinplatform.client.api.DatasetsApi;
import io.dinplatform.client.api.ModelsApi;
import io.dinplatform.client.api.PredictionsApi;
import io.dinplatform.client.api.TokensApi;
import io.dinplatform.client.api.TrainingRunsApi;
import io.dinplatform.client.invoker.ApiClient;
import io.dinplatform.client.invoker.ApiException;

/**
 * The DIN Platform's REST API in Java: the operations generated from the platform's OpenAPI document (one class per
 * tag: datasets, training runs, models, predictions, batch predictions, tokens), each request sent with the API
 * token as a bearer token, on the JDK's HttpClient. {@link #call} turns an error answer into a
 * {@link ProblemException} that carries its RFC 9457 problem details:
 *
 * <pre>{@code
 * DinPlatformClient din = DinPlatformClient.connect(URI.create("http://localhost:8080"), token);
 * PredictionResponse scores = din.call(() -> din.predictions().predict("movielens-din", request, null, null));
 * }</pre>
 */
public final class DinPlatformClient {

    private final ApiClient api;

    private DinPlatformClient(ApiClient api) {
        this.api = api;
    }

    /**
     * @param baseUri the platform, e.g. {@code http://localhost:8080}
     * @param token   an API token ({@code din_...}) with the scopes of the operations to call
     */
    public static DinPlatformClient connect(URI baseUri, String token) {
        Objects.requireNonNull(token, "token");
        ApiClient api = new ApiClient();
        api.updateBaseUri(baseUri.toString());
        api.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return new DinPlatformClient(api);
    }

    /** A call of a generated operation, which reports an error answer as an {@link ApiException}. */
    @FunctionalInterface
    public interface Call<T> {
        T call() throws ApiException;
    }

    /** A call of a generated operation that answers nothing (204). */
    @FunctionalInterface
    public interface VoidCall {
        void call() throws ApiException;
    }

    /**
     * Makes the call, reporting an error answer as a {@link ProblemException}.
     *
     * @throws ProblemException for an error answer, with its problem details
     */
    public <T> T call(Call<T> call) {
        try {
            return call.call();
        } catch (ApiException e) {
            throw ProblemException.of(e, api.getObjectMapper());
        }
    }

    /** {@link #call(Call)} for an operation that answers nothing. */
    public void run(VoidCall call) {
        call(() -> {
            call.call();
            return null;
        });
    }

    public DatasetsApi datasets() {
        return new DatasetsApi(api);
    }

    public TrainingRunsApi trainingRuns() {
        return new TrainingRunsApi(api);
    }

    public ModelsApi models() {
        return new ModelsApi(api);
    }

    public PredictionsApi predictions() {
        return new PredictionsApi(api);
    }

    public BatchPredictionsApi batchPredictions() {
        return new BatchPredictionsApi(api);
    }

    public TokensApi tokens() {
        return new TokensApi(api);
    }
}
