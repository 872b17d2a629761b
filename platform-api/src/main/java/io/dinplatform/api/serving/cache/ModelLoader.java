package io.dinplatform.api.serving.cache;

import java.io.IOException;
import java.nio.file.Path;

import ai.djl.Device;
import io.dinplatform.api.serving.batching.BatchingPolicy;
import io.dinplatform.api.serving.batching.DynamicBatcher;
import io.dinplatform.api.serving.metrics.ModelVersionMetrics;
import io.dinplatform.api.serving.metrics.ServingMetrics;
import io.dinplatform.core.bundle.BundleReader;
import io.dinplatform.core.bundle.InvalidBundleException;
import io.dinplatform.core.bundle.ModelBundle;
import io.dinplatform.core.device.DeviceChoice;
import io.dinplatform.core.serving.Scorer;
import io.dinplatform.registry.artifact.ArtifactIntegrityException;
import io.dinplatform.registry.artifact.ArtifactStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a model version for serving: reads its bundle from the artifact store (the store verifies the SHA-256 the
 * registry recorded, and the bundle reader checks it and every entry again), warms the engine up with a full batch
 * so that the first request is not slow, and starts its batcher.
 */
public class ModelLoader {

    private static final Logger log = LoggerFactory.getLogger(ModelLoader.class);

    private final ArtifactStore artifacts;
    private final DeviceChoice device;
    private final int maxBatchSize;
    private final int engineThreads;
    private final BatchingPolicy batching;
    private final ServingMetrics metrics;

    /**
     * @param maxBatchSize  the most rows of one forward pass (longer requests and rankings are scored in several)
     * @param engineThreads the intra-op threads of each forward pass
     */
    public ModelLoader(ArtifactStore artifacts, DeviceChoice device, int maxBatchSize, int engineThreads,
                       BatchingPolicy batching, ServingMetrics metrics) {
        this.artifacts = artifacts;
        this.device = device;
        this.maxBatchSize = maxBatchSize;
        this.engineThreads = engineThreads;
        this.batching = batching;
        this.metrics = metrics;
    }

    ServedModel load(ServedVersion version) throws IOException {
        long started = System.nanoTime();
        Path file = verifiedBundle(version);
        Device target = device.resolve();
        ModelBundle bundle = readBundle(version, file, target);
        try {
            // The version's workers bound every forward pass, a ranking's as well as the batcher's.
            Scorer scorer = new Scorer(bundle, maxBatchSize, batching.workers(), engineThreads);
            scorer.warmUp();
            ModelVersionMetrics meters = metrics.of(version.model(), version.version());
            DynamicBatcher batcher = new DynamicBatcher(version.toString(), scorer::score, batching, meters);
            ServedModel model = new ServedModel(version, bundle, scorer, batcher,
                    RankingThreads.start(version.toString(), batching.workers()), meters);
            log.info("Loaded model {} version {} ({} on {}, {} KiB) in {} ms", version.model(), version.version(),
                    model.type(), target, model.footprintBytes() / 1024, (System.nanoTime() - started) / 1_000_000);
            return model;
        } catch (RuntimeException e) {
            bundle.close();
            throw e;
        }
    }

    private static ModelBundle readBundle(ServedVersion version, Path file, Device target) throws IOException {
        try {
            return BundleReader.read(file, version.bundleSha256(), target);
        } catch (InvalidBundleException e) {
            throw new CorruptBundleException(version, e);
        }
    }

    private Path verifiedBundle(ServedVersion version) throws IOException {
        try {
            return artifacts.verifiedPath(version.bundleSha256());
        } catch (ArtifactIntegrityException e) {
            throw new CorruptBundleException(version, e);
        }
    }
}
