package io.dinplatform.api.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * Tree-structured Parzen estimators (Bergstra et al., NeurIPS 2011), each field on its own: the trials observed so
 * far are split into the best quarter and the rest, a density is fitted to each group's values of the field
 * (Gaussian windows around each value plus a uniform prior over the range; smoothed counts for a CHOICE), and of a
 * few candidates drawn from the best trials' density the one where it most exceeds the rest's is taken. The first
 * trials are random: there is nothing to learn from yet.
 */
final class TreeParzenSearch implements TrialSuggester {

    /** Random trials before the estimators take over. */
    static final int STARTUP_TRIALS = 4;
    /** The share of observed trials that counts as good. */
    static final double GAMMA = 0.25;
    /** Candidates drawn from the good density per field. */
    static final int CANDIDATES = 24;

    private final Map<String, ParameterSpace> space;
    private final long seed;
    private final SweepObjective objective;

    TreeParzenSearch(Map<String, ParameterSpace> space, long seed, SweepObjective objective) {
        this.space = new TreeMap<>(space);
        this.seed = seed;
        this.objective = objective;
    }

    @Override
    public Optional<Map<String, JsonNode>> suggest(int trial, List<Observation> observed) {
        RandomGenerator random = RandomSearch.trialRandom(seed, trial);
        if (observed.size() < STARTUP_TRIALS) {
            return Optional.of(RandomSearch.draw(space, random));
        }
        List<Observation> ranked = observed.stream()
                .sorted(Comparator.comparingDouble(o -> objective.loss(o.objective()))).toList();
        int good = Math.max(1, (int) Math.ceil(GAMMA * ranked.size()));
        List<Observation> best = ranked.subList(0, good);
        List<Observation> rest = ranked.subList(good, ranked.size());
        Map<String, JsonNode> values = new LinkedHashMap<>();
        space.forEach((field, range) -> values.put(field, suggestField(field, range, best, rest, random)));
        return Optional.of(values);
    }

    private static JsonNode suggestField(String field, ParameterSpace range, List<Observation> best,
                                         List<Observation> rest, RandomGenerator random) {
        if (range.type() == ParameterKind.CHOICE) {
            return suggestChoice(field, range, best, rest, random);
        }
        Parzen good = Parzen.of(range, numbers(field, range, best));
        Parzen bad = Parzen.of(range, numbers(field, range, rest));
        double chosen = good.sample(random);
        double bestRatio = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CANDIDATES; c++) {
            double candidate = c == 0 ? chosen : good.sample(random);
            double ratio = Math.log(good.density(candidate)) - Math.log(bad.density(candidate));
            if (ratio > bestRatio) {
                bestRatio = ratio;
                chosen = candidate;
            }
        }
        return range.value(range.type() == ParameterKind.LOG_UNIFORM ? Math.exp(chosen) : chosen);
    }

    private static JsonNode suggestChoice(String field, ParameterSpace range, List<Observation> best,
                                          List<Observation> rest, RandomGenerator random) {
        double[] good = choiceWeights(field, range, best);
        double[] bad = choiceWeights(field, range, rest);
        int chosen = pick(good, random);
        for (int c = 1; c < CANDIDATES; c++) {
            int candidate = pick(good, random);
            if (good[candidate] / bad[candidate] > good[chosen] / bad[chosen]) {
                chosen = candidate;
            }
        }
        return range.values().get(chosen);
    }

    /** Smoothed shares: each value's count among the trials plus one, so an unseen value keeps a chance. */
    private static double[] choiceWeights(String field, ParameterSpace range, List<Observation> trials) {
        double[] weights = new double[range.values().size()];
        Arrays.fill(weights, 1);
        for (Observation trial : trials) {
            int index = range.values().indexOf(trial.parameters().get(field));
            if (index >= 0) {
                weights[index]++;
            }
        }
        double total = Arrays.stream(weights).sum();
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= total;
        }
        return weights;
    }

    private static int pick(double[] weights, RandomGenerator random) {
        double u = random.nextDouble();
        for (int i = 0; i < weights.length - 1; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** The trials' values of a numeric field, in the space the density lives in (logs for a LOG_UNIFORM). */
    private static List<Double> numbers(String field, ParameterSpace range, List<Observation> trials) {
        List<Double> numbers = new ArrayList<>();
        for (Observation trial : trials) {
            JsonNode value = trial.parameters().get(field);
            if (value != null && value.isNumber()) {
                double x = value.asDouble();
                numbers.add(range.type() == ParameterKind.LOG_UNIFORM ? Math.log(x) : x);
            }
        }
        return numbers;
    }

    /**
     * A Parzen window density on [low, high]: a Gaussian around each value and a uniform prior, equally weighted. The
     * windows' width follows Scott's rule on the values' spread, so a tight group of good values keeps a narrow
     * density; it never falls below a hundredth of the range nor exceeds the range.
     */
    private record Parzen(double low, double high, List<Double> centres, double bandwidth) {

        /** Draws outside the range are drawn again, up to this many times, so the bounds gather no extra mass. */
        private static final int REDRAWS = 16;

        static Parzen of(ParameterSpace range, List<Double> values) {
            boolean log = range.type() == ParameterKind.LOG_UNIFORM;
            double low = log ? Math.log(range.low()) : range.low();
            double high = log ? Math.log(range.high()) : range.high();
            double width = Math.max(high - low, 1e-12);
            double spread = values.size() < 2 ? width : standardDeviation(values);
            double scott = 1.06 * spread * Math.pow(values.size(), -0.2);
            return new Parzen(low, high, values, Math.min(width, Math.max(width / 100, scott)));
        }

        double sample(RandomGenerator random) {
            int component = random.nextInt(centres.size() + 1);
            if (component == centres.size()) {
                return low + random.nextDouble() * (high - low);
            }
            double x = centres.get(component) + random.nextGaussian() * bandwidth;
            for (int redraw = 0; redraw < REDRAWS && (x < low || x > high); redraw++) {
                x = centres.get(component) + random.nextGaussian() * bandwidth;
            }
            return Math.min(high, Math.max(low, x));
        }

        private static double standardDeviation(List<Double> values) {
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return Math.sqrt(squares / (values.size() - 1));
        }

        double density(double x) {
            double prior = 1 / Math.max(high - low, 1e-12);
            double sum = prior;
            for (double centre : centres) {
                double z = (x - centre) / bandwidth;
                sum += Math.exp(-0.5 * z * z) / (bandwidth * Math.sqrt(2 * Math.PI));
            }
            return sum / (centres.size() + 1);
        }
    }
}
