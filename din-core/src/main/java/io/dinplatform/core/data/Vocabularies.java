package io.dinplatform.core.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The vocabularies of a dataset, one per categorical feature. A sequence feature has no table of its own: it is
 * looked up through the feature it targets, which is how {@code hist_item_id} shares the embedding of {@code item_id}.
 */
public record Vocabularies(Map<String, Vocabulary> byFeature) {

    public Vocabularies {
        byFeature = Collections.unmodifiableMap(new LinkedHashMap<>(byFeature));
    }

    public Vocabulary of(String categoricalFeature) {
        Vocabulary v = byFeature.get(categoricalFeature);
        if (v == null) {
            throw new NoSuchElementException("no vocabulary for feature " + categoricalFeature);
        }
        return v;
    }
}
