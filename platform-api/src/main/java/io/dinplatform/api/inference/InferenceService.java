package io.dinplatform.api.inference;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.api.permission.PredictPermissions;
import io.dinplatform.api.security.Caller;
import io.dinplatform.api.serving.PredictionResponse.Prediction;
import io.dinplatform.api.serving.PredictionResponse;
import io.dinplatform.api.serving.PredictionService;
import io.dinplatform.api.serving.ResolutionCache;
import io.dinplatform.api.serving.ServingProperties;
import io.dinplatform.api.serving.cache.CorruptBundleException;
import io.dinplatform.api.serving.cache.ModelCache;
import io.dinplatform.api.serving.cache.ModelLease;
import io.dinplatform.api.serving.cache.ServedVersion;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;

/**
 * The Open Inference Protocol's operations for both bindings. Inference is the v1 predict with tensors in and out:
 * the same version resolution, model cache, limits and dynamic batcher ({@link PredictionService}), so the same
 * instance gets the same score whichever protocol carries it.
 */
public class InferenceService {

    /** How the protocol names the way models are run here. */
    public static final String PLATFORM = "din-platform_djl-pytorch";
    public static final String SERVER_NAME = "din-platform";

    private final PredictionService predictions;
    private final ResolutionCache resolutions;
    private final ModelCache models;
    private final ServingProperties limits;
    private final ApplicationAvailability availability;
    private final ServerMetadata server;
    private final PredictPermissions permissions;

    public InferenceService(PredictionService predictions, ResolutionCache resolutions, ModelCache models,
                            ServingProperties limits, ApplicationAvailability availability, String serverVersion,
                            PredictPermissions permissions) {
        this.permissions = permissions;
        this.predictions = predictions;
        this.resolutions = resolutions;
        this.models = models;
        this.limits = limits;
        this.availability = availability;
        this.server = new ServerMetadata(SERVER_NAME, serverVersion, List.of());
    }

    public boolean live() {
        return availability.getLivenessState() == LivenessState.CORRECT;
    }

    public boolean ready() {
        return availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
    }

    public ServerMetadata serverMetadata() {
        return server;
    }

    /**
     * The inputs and outputs of the version the segment selects, loading it if needed.
     *
     * @param version a version number, {@code latest}, an alias, or null for the model's default
     */
    public ModelMetadata modelMetadata(Caller caller, String name, String version) throws IOException {
        ServedVersion resolved = resolve(caller, name, version);
        try (ModelLease lease = models.acquire(resolved)) {
            return new ModelMetadata(resolved.model(), List.of(Integer.toString(resolved.version())), PLATFORM,
                    FeatureTensors.inputs(lease.model().schema()), FeatureTensors.outputs(lease.model().type()));
        }
    }

    /**
     * Whether the version can answer now: it exists and its bundle loads (a corrupt one is not ready).
     *
     * @throws io.dinplatform.api.error.ResourceNotFoundException when the model or version does not exist
     */
    public boolean modelReady(Caller caller, String name, String version) throws IOException {
        ServedVersion resolved = resolve(caller, name, version);
        try (ModelLease lease = models.acquire(resolved)) {
            return true;
        } catch (CorruptBundleException e) {
            return false;
        }
    }

    /** Scores the request's instances and returns the outputs it asked for. */
    public InferenceResponse infer(Caller caller, String name, String version, InferenceRequest request)
            throws IOException {
        permissions.require(caller, name);
        boolean attention = attentionRequested(request);
        ModelSelector selector = ModelSelector.of(version);
        PredictionResponse answer = predictions.predict(name, selector.version(), selector.alias(),
                schema -> FeatureTensors.instances(schema, request.inputs(), limits.maxInstancesPerRequest()),
                attention);
        List<InferenceTensor> outputs = new ArrayList<>();
        outputs.add(scores(answer.predictions()));
        if (attention) {
            outputs.add(attention(answer.predictions()));
        }
        return new InferenceResponse(answer.model(), Integer.toString(answer.version()), request.id(), outputs);
    }

    /** A model's calls need the predict permission on it, as its scope needs the predict scope. */
    private ServedVersion resolve(Caller caller, String name, String version) {
        permissions.require(caller, name);
        ModelSelector selector = ModelSelector.of(version);
        return resolutions.resolve(name, selector.version(), selector.alias());
    }

    private static boolean attentionRequested(InferenceRequest request) {
        boolean attention = request.explain();
        for (String output : request.requestedOutputs()) {
            if (FeatureTensors.ATTENTION.equals(output)) {
                attention = true;
            } else if (!FeatureTensors.SCORE.equals(output)) {
                throw new InvalidRequestException("output '" + output + "': the model has no such output; its "
                        + "outputs are " + FeatureTensors.SCORE + " and " + FeatureTensors.ATTENTION);
            }
        }
        return attention;
    }

    private static InferenceTensor scores(List<Prediction> predictions) {
        List<Float> scores = new ArrayList<>(predictions.size());
        predictions.forEach(p -> scores.add(p.score()));
        return new InferenceTensor(FeatureTensors.SCORE, InferenceTensor.FP32, List.of((long) scores.size()),
                scores);
    }

    /** [N, L], each row padded at the end with zeros to the longest. */
    private static InferenceTensor attention(List<Prediction> predictions) {
        int length = predictions.stream().mapToInt(p -> p.attention().length).max().orElse(0);
        List<Float> weights = new ArrayList<>(predictions.size() * length);
        for (Prediction prediction : predictions) {
            for (int t = 0; t < length; t++) {
                weights.add(t < prediction.attention().length ? prediction.attention()[t] : 0f);
            }
        }
        return new InferenceTensor(FeatureTensors.ATTENTION, InferenceTensor.FP32,
                List.of((long) predictions.size(), (long) length), weights);
    }
}
