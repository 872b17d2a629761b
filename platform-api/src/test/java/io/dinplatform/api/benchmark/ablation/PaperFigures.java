package io.dinplatform.api.benchmark.ablation;

import java.util.Map;
import java.util.Optional;

import io.dinplatform.core.metrics.RelaImpr;

/**
 * The DIN paper's test GAUC on MovieLens-20M (Table 3) for the configurations it reports there; the paper gives no
 * MovieLens figure for the MBA configurations.
 */
final class PaperFigures {

    private static final Map<AblationConfiguration, Double> MOVIELENS_20M_GAUC = Map.of(
            AblationConfiguration.BASE, 0.7300,
            AblationConfiguration.DIN, 0.7337,
            AblationConfiguration.DIN_DICE, 0.7348);

    private PaperFigures() {
    }

    static Optional<Double> movieLens20mGauc(AblationConfiguration configuration) {
        return Optional.ofNullable(MOVIELENS_20M_GAUC.get(configuration));
    }

    /** The paper's RelaImpr over its base model, from its GAUC figures. */
    static Optional<Double> movieLens20mRelaImpr(AblationConfiguration configuration) {
        return movieLens20mGauc(configuration)
                .map(gauc -> RelaImpr.of(gauc, MOVIELENS_20M_GAUC.get(AblationConfiguration.base())));
    }
}
