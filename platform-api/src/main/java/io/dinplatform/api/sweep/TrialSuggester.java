package io.dinplatform.api.sweep;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/** Picks the parameters of a sweep's next trial. */
interface TrialSuggester {

    /**
     * @param trial    the number of the trial to suggest for, from 1
     * @param observed the trials that have ended with a value of the objective
     * @return the next trial's values by field path, or empty when the search has nothing more to try
     */
    Optional<Map<String, JsonNode>> suggest(int trial, List<Observation> observed);

    /** The suggester of a sweep, seeded from its request. */
    static TrialSuggester of(SweepRequest sweep) {
        return switch (sweep.algorithm()) {
            case RANDOM -> new RandomSearch(sweep.space(), sweep.seed());
            case GRID -> new GridSearch(sweep.space());
            case TPE -> new TreeParzenSearch(sweep.space(), sweep.seed(), sweep.objective());
        };
    }
}
