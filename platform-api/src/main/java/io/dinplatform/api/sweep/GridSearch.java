package io.dinplatform.api.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * Every combination of the fields' values, fields in name order and the last field changing fastest; trial n is
 * combination n. The search ends when the combinations do.
 */
final class GridSearch implements TrialSuggester {

    private final List<String> fields;
    private final List<List<JsonNode>> values;

    GridSearch(Map<String, ParameterSpace> space) {
        Map<String, ParameterSpace> ordered = new TreeMap<>(space);
        this.fields = List.copyOf(ordered.keySet());
        this.values = ordered.values().stream().map(ParameterSpace::grid).toList();
    }

    /** How many combinations there are. */
    long size() {
        return values.stream().mapToLong(List::size).reduce(1, Math::multiplyExact);
    }

    @Override
    public Optional<Map<String, JsonNode>> suggest(int trial, List<Observation> observed) {
        long index = trial - 1L;
        if (index >= size()) {
            return Optional.empty();
        }
        List<JsonNode> chosen = new ArrayList<>();
        for (int f = fields.size() - 1; f >= 0; f--) {
            List<JsonNode> options = values.get(f);
            chosen.add(0, options.get((int) (index % options.size())));
            index /= options.size();
        }
        Map<String, JsonNode> combination = new LinkedHashMap<>();
        for (int f = 0; f < fields.size(); f++) {
            combination.put(fields.get(f), chosen.get(f));
        }
        return Optional.of(combination);
    }
}
