package io.dinplatform.core.bundle;

import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.data.Vocabulary;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vocabularies.json}: per categorical feature, its known raw values in index order (from
 * {@link Vocabulary#FIRST_ID}) and the training count of every index, padding and unknown included.
 */
final class VocabulariesJson {

    private VocabulariesJson() {
    }

    static byte[] write(Vocabularies vocabularies, JsonMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        // Sorted by feature, so that the same vocabularies always give the same bytes.
        new java.util.TreeMap<>(vocabularies.byFeature()).forEach((feature, vocabulary) -> {
            ObjectNode node = root.putObject(feature);
            ArrayNode values = node.putArray("values");
            vocabulary.values().forEach(values::add);
            ArrayNode counts = node.putArray("counts");
            for (long count : vocabulary.counts()) {
                counts.add(count);
            }
        });
        return mapper.writeValueAsBytes(root);
    }

    static Vocabularies read(byte[] json, JsonMapper mapper) throws InvalidBundleException {
        JsonNode root = mapper.readTree(json);
        Map<String, Vocabulary> byFeature = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            JsonNode values = entry.getValue().path("values");
            JsonNode counts = entry.getValue().path("counts");
            if (!values.isArray() || !counts.isArray()) {
                throw new InvalidBundleException("vocabularies.json: feature '" + entry.getKey()
                        + "' lacks its values or counts");
            }
            List<String> raw = new ArrayList<>(values.size());
            values.forEach(v -> raw.add(v.asString()));
            long[] n = new long[counts.size()];
            for (int i = 0; i < n.length; i++) {
                n[i] = counts.get(i).asLong();
            }
            try {
                byFeature.put(entry.getKey(), new Vocabulary(raw, n));
            } catch (IllegalArgumentException e) {
                throw new InvalidBundleException("vocabularies.json: feature '" + entry.getKey() + "': "
                        + e.getMessage(), e);
            }
        }
        return new Vocabularies(byFeature);
    }
}
