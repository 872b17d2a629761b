package io.dinplatform.api.serving;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/models/{name}/rank}: one user against many candidates.
 *
 * @param context    the user's side: profile and context features and the behaviour histories
 * @param candidates per candidate, its item features (a value given here overrides the context's)
 * @param topK       how many of the best candidates to return; all of them when absent
 */
public record RankRequest(Map<String, Object> context, List<Map<String, Object>> candidates, Integer topK) {
}
