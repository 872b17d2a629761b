package io.dinplatform.api.benchmark.ablation;

/**
 * One finished run of the ablation, as the platform reports it.
 *
 * @param configuration what was trained
 * @param seed          the training seed
 * @param testGauc      test GAUC of the selected epoch
 * @param testAuc       test AUC of the selected epoch
 * @param bestEpoch     the epoch kept (selected on validation GAUC)
 * @param seconds       from the worker's start of the run to its end
 */
record RunResult(AblationConfiguration configuration, long seed, double testGauc, double testAuc, int bestEpoch,
                 double seconds) {
}
