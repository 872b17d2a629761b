package io.dinplatform.api.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

import tools.jackson.databind.JsonNode;

/** Every field drawn independently at random; trial n's draw depends only on the seed and n. */
final class RandomSearch implements TrialSuggester {

    private final Map<String, ParameterSpace> space;
    private final long seed;

    RandomSearch(Map<String, ParameterSpace> space, long seed) {
        this.space = new TreeMap<>(space);
        this.seed = seed;
    }

    @Override
    public Optional<Map<String, JsonNode>> suggest(int trial, List<Observation> observed) {
        return Optional.of(draw(space, trialRandom(seed, trial)));
    }

    /** One value per field, in field order, from the given generator. */
    static Map<String, JsonNode> draw(Map<String, ParameterSpace> space, RandomGenerator random) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        new TreeMap<>(space).forEach((field, range) -> values.put(field, range.sample(random)));
        return values;
    }

    /**
     * A generator for one trial of a seeded sweep (independent of how many trials were suggested before). A
     * SplittableRandom mixes its seed: java.util.Random's first draws from neighbouring seeds are nearly equal.
     */
    static RandomGenerator trialRandom(long seed, int trial) {
        return new SplittableRandom(seed * 1_000_003L + trial);
    }
}
