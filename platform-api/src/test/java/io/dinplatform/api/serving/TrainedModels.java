package io.dinplatform.api.serving;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

import ai.djl.Device;
import io.dinplatform.core.bundle.BundleMetadata;
import io.dinplatform.core.bundle.BundleReader;
import io.dinplatform.core.bundle.BundleWriter;
import io.dinplatform.core.bundle.ModelBundle;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.synthetic.SyntheticConfig;
import io.dinplatform.core.data.synthetic.SyntheticDataGenerator;
import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.core.train.TrainingConfig;
import io.dinplatform.core.train.TrainingJob;
import io.dinplatform.core.train.TrainingListener;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.artifact.StoredArtifact;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;
import io.dinplatform.registry.model.NewModelVersion;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tiny models trained for real with din-core (a few hundred synthetic rows, one epoch) and registered the way the
 * training worker registers them: the bundle into the artifact store, a version with its SHA-256 into the catalog.
 * Each (type, seed) is trained once per test JVM.
 */
public final class TrainedModels {

    /** The synthetic schema's longest history. */
    public static final int MAX_HISTORY = 8;

    private static final Map<String, byte[]> BUNDLES = new ConcurrentHashMap<>();

    private TrainedModels() {
    }

    /** The bundle of a model of this type trained with this seed. */
    public static byte[] bundle(ModelType type, long seed) {
        return BUNDLES.computeIfAbsent(type + "/" + seed, key -> train(type, seed));
    }

    /** Registers the bundle as the next version of the model, as the worker would. */
    public static ModelVersion register(ArtifactStore artifacts, ModelRepository models, String name, ModelType type,
                                 long seed) {
        try {
            StoredArtifact stored = artifacts.write(new ByteArrayInputStream(bundle(type, seed)));
            return models.createNextVersion(new NewModelVersion(name, null, null, stored.sha256(), null,
                    JsonMapper.shared().readTree("{\"architecture\": {\"type\": \"" + type + "\"}}")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundle loaded in this JVM, for reference scores straight from din-core; close it after use. */
    public static ModelBundle load(ModelType type, long seed, Path directory) {
        try {
            Path file = Files.write(directory.resolve(type + "-" + seed + ".zip"), bundle(type, seed));
            return BundleReader.read(file, null, Device.cpu());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Raw instances over the synthetic ids, some never seen, histories from empty to longer than the model's. */
    public static List<Map<String, Object>> instances(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, Object>> instances = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> instance = new HashMap<>(user(random));
            instance.put("item_id", "i" + random.nextInt(45));
            instance.put("cate_id", "c" + random.nextInt(7));
            instances.add(instance);
        }
        return instances;
    }

    /** A user's side: id and histories (the history may be longer than the model keeps, or empty). */
    public static Map<String, Object> user(SplittableRandom random) {
        int length = random.nextInt(MAX_HISTORY + 4);
        List<String> items = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        for (int t = 0; t < length; t++) {
            int category = random.nextInt(7);
            items.add("i" + (category + 6 * random.nextInt(7)));
            categories.add("c" + category);
        }
        Map<String, Object> user = new HashMap<>();
        user.put("user_id", "u" + random.nextInt(70));
        user.put("hist_item_id", items);
        user.put("hist_cate_id", categories);
        return user;
    }

    private static byte[] train(ModelType type, long seed) {
        EncodedDataset data = SyntheticDataGenerator.generate(new SyntheticConfig(60, 40, 6, 2, MAX_HISTORY, 5, 0.1,
                seed));
        TrainingConfig config = TrainingConfig.defaults(1, seed).withBatchSize(32);
        try (TrainingJob job = TrainingJob.create(data, ArchitectureConfig.defaults().withType(type), config)) {
            job.run(TrainingListener.NONE, () -> false);
            ByteArrayOutputStream bundle = new ByteArrayOutputStream();
            BundleWriter.write(bundle, data.schema(), data.vocabularies(), job.model(), job.tables(),
                    BundleMetadata.empty());
            return bundle.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
