package io.dinplatform.core.bundle;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.embedding.EmbeddingTables;
import io.dinplatform.core.metrics.EvaluationMetrics;
import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.model.AttentionConfig;
import io.dinplatform.core.model.CtrModel;
import io.dinplatform.core.model.MlpConfig;
import io.dinplatform.core.model.ModelDimensions;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.core.nn.ParameterStore;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import tools.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small DIN or base model over a goods/category schema with a user profile and a numeric feature, with every
 * parameter and every Dice running average set to seeded non-trivial values, as if trained.
 */
public final class SmallModel implements AutoCloseable {

    public static final FeatureSchema SCHEMA = new FeatureSchema("label", null, null, null, List.of(
            FeatureSpec.categorical("user_id"),
            FeatureSpec.categorical("item_id"),
            FeatureSpec.categorical("cate_id"),
            FeatureSpec.sequence("hist_item_id", "item_id", 6),
            FeatureSpec.sequence("hist_cate_id", "cate_id", 6),
            FeatureSpec.numeric("age")));

    public final NDManager manager = NDManager.newBaseManager(Device.cpu());
    public final Vocabularies vocabularies = new Vocabularies(Map.of(
            "user_id", vocabulary("u", 20),
            "item_id", vocabulary("i", 50),
            "cate_id", vocabulary("c", 8)));
    public final EmbeddingTables tables;
    public final ParameterStore store;
    public final CtrModel model;

    public SmallModel(ModelType type) {
        tables = EmbeddingTables.create(manager, SCHEMA, vocabularies, 4, 17);
        store = new ParameterStore(manager, DataType.FLOAT32, 17);
        ArchitectureConfig config = new ArchitectureConfig(type, 4, new AttentionConfig(List.of(8, 4), null, null,
                null), new MlpConfig(List.of(16, 8), null), null, null);
        model = CtrModel.create(config, new ModelDimensions(tables.profileWidth(), tables.itemWidth(),
                tables.numericWidth()), store);
        SplittableRandom random = new SplittableRandom(23);
        store.parameters().forEach((name, p) -> perturb(p, random, 0.3, 0));
        store.state().forEach((name, s) -> perturb(s, random, 0.5, name.endsWith("Variance") ? 1.0 : 0.0));
    }

    public String writeBundle(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            return BundleWriter.write(out, SCHEMA, vocabularies, model, tables, metadata());
        }
    }

    public static BundleMetadata metadata() {
        Map<String, EvaluationMetrics> metrics = new LinkedHashMap<>();
        metrics.put("validation", new EvaluationMetrics(0.71, Double.NaN, 0.55, 100, 40));
        metrics.put("test", new EvaluationMetrics(0.7, 0.66, 0.56, 120, 50));
        return new BundleMetadata(JsonNodeFactory.instance.objectNode().put("epochs", 3).put("seed", 7), metrics,
                Map.of("run", "run-42", "dataset", "synthetic@1"));
    }

    /** Raw instances with random users, items and histories, a few ids unknown to the vocabularies. */
    public static List<Map<String, Object>> instances(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, Object>> instances = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> instance = new HashMap<>();
            instance.put("user_id", "u" + random.nextInt(22));
            instance.put("item_id", "i" + random.nextInt(52));
            instance.put("cate_id", "c" + random.nextInt(8));
            int length = random.nextInt(9); // sometimes longer than maxLength 6, sometimes empty
            List<String> items = new ArrayList<>();
            List<String> cates = new ArrayList<>();
            for (int t = 0; t < length; t++) {
                items.add("i" + random.nextInt(52));
                cates.add("c" + random.nextInt(8));
            }
            instance.put("hist_item_id", items);
            instance.put("hist_cate_id", cates);
            instance.put("age", random.nextInt(18, 70) / 10.0);
            instances.add(instance);
        }
        return instances;
    }

    @Override
    public void close() {
        store.close();
        tables.close();
        manager.close();
    }

    private static Vocabulary vocabulary(String prefix, int size) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            values.add(prefix + i);
        }
        long[] counts = new long[size + Vocabulary.FIRST_ID];
        java.util.Arrays.fill(counts, 3);
        return new Vocabulary(values, counts);
    }

    private static void perturb(NDArray array, SplittableRandom random, double scale, double offset) {
        float[] values = array.toFloatArray();
        for (int i = 0; i < values.length; i++) {
            values[i] += (float) (offset == 0 ? random.nextDouble(-scale, scale) : 0);
            if (offset != 0) {
                values[i] = (float) (offset + random.nextDouble(0, scale));
            }
        }
        array.set(values);
    }
}
