package io.dinplatform.tools.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.dinplatform.core.bundle.ModelBundle;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;

/** Prediction instances for load: raw ids drawn from a bundle's own vocabularies, histories of random length. */
public final class RandomInstances {

    private RandomInstances() {
    }

    public static List<Map<String, Object>> of(ModelBundle bundle, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        FeatureSchema schema = bundle.schema();
        List<Map<String, Object>> instances = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> instance = new HashMap<>();
            for (FeatureSpec feature : schema.categorical()) {
                instance.put(feature.name(), anyValue(bundle.vocabularies().of(feature.name()), random));
            }
            int length = 1 + random.nextInt(schema.maxHistoryLength());
            for (FeatureSpec feature : schema.sequences()) {
                Vocabulary vocabulary = bundle.vocabularies().of(feature.target());
                List<String> history = new ArrayList<>(length);
                for (int t = 0; t < length; t++) {
                    history.add(anyValue(vocabulary, random));
                }
                instance.put(feature.name(), history);
            }
            for (FeatureSpec feature : schema.numeric()) {
                instance.put(feature.name(), random.nextDouble());
            }
            instances.add(instance);
        }
        return instances;
    }

    private static String anyValue(Vocabulary vocabulary, SplittableRandom random) {
        List<String> values = vocabulary.values();
        return values.isEmpty() ? "unknown" : values.get(random.nextInt(values.size()));
    }
}
