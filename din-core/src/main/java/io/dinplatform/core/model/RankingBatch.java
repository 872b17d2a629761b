package io.dinplatform.core.model;

import ai.djl.ndarray.NDArray;

/**
 * One user against many candidates: the user's history is given once, not once per candidate.
 *
 * @param profile     (C, P) or (1, P) for a profile shared by every candidate; null when the schema has none
 * @param candidates  (C, D) the candidates' item vectors
 * @param history     (T, D) the user's history items
 * @param historyMask (T) 1 for a real item and 0 for padding, or null when all T items are real
 * @param numeric     (C, N) or (1, N); null when the schema has none
 */
public record RankingBatch(NDArray profile, NDArray candidates, NDArray history, NDArray historyMask,
                           NDArray numeric) {
}
