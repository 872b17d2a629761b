package io.dinplatform.api.benchmark.ablation;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AblationTableTest {

    @Test
    void seedStatisticsAreTheMeanAndTheSampleStandardDeviation() {
        SeedStatistics statistics = SeedStatistics.of(List.of(2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0));

        assertThat(statistics.mean()).isEqualTo(5.0);
        assertThat(statistics.standardDeviation()).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
        assertThat(statistics.count()).isEqualTo(8);
        assertThat(SeedStatistics.of(List.of(0.7)).standardDeviation()).isZero();
        assertThat(statistics.format(2)).isEqualTo("5.00 ± 2.14");
    }

    @Test
    void relaImprPairsEachRunWithTheBaseRunOfTheSameSeed() {
        AblationTable table = new AblationTable(AblationDataset.SYNTHETIC, List.of(
                run(AblationConfiguration.BASE, 1, 0.70), run(AblationConfiguration.BASE, 2, 0.60),
                run(AblationConfiguration.DIN, 2, 0.66), run(AblationConfiguration.DIN, 1, 0.72)));

        SeedStatistics relaImpr = table.relaImpr(AblationConfiguration.DIN).orElseThrow();

        // seed 1: 0.22 / 0.20 − 1 = 10 %; seed 2: 0.16 / 0.10 − 1 = 60 %
        assertThat(relaImpr.mean()).isCloseTo(35.0, within(1e-9));
        assertThat(relaImpr.standardDeviation()).isCloseTo(Math.sqrt(2 * 25.0 * 25.0), within(1e-9));
        assertThat(table.relaImpr(AblationConfiguration.BASE).orElseThrow().mean()).isZero();
        assertThat(table.relaImpr(AblationConfiguration.DIN_DICE)).isEmpty();
        assertThat(table.configurations()).containsExactly(AblationConfiguration.BASE, AblationConfiguration.DIN);
    }

    @Test
    void theTargetNeedsMoreThanTwoDeviationsOfTheWiderSpread() {
        List<RunResult> base = List.of(run(AblationConfiguration.BASE, 1, 0.700),
                run(AblationConfiguration.BASE, 2, 0.702));
        AblationTable clear = new AblationTable(AblationDataset.SYNTHETIC, concat(base, List.of(
                run(AblationConfiguration.DIN_MBA_DICE, 1, 0.710), run(AblationConfiguration.DIN_MBA_DICE, 2, 0.712))));
        AblationTable noisy = new AblationTable(AblationDataset.SYNTHETIC, concat(base, List.of(
                run(AblationConfiguration.DIN_MBA_DICE, 1, 0.700), run(AblationConfiguration.DIN_MBA_DICE, 2, 0.716))));

        AblationTable.Margin clearMargin = clear.marginOverBase(AblationConfiguration.DIN_MBA_DICE).orElseThrow();
        AblationTable.Margin noisyMargin = noisy.marginOverBase(AblationConfiguration.DIN_MBA_DICE).orElseThrow();

        assertThat(clearMargin.difference()).isCloseTo(0.010, within(1e-12));
        assertThat(clearMargin.exceedsTwoDeviations()).isTrue();
        assertThat(noisyMargin.difference()).isCloseTo(0.007, within(1e-12));
        assertThat(noisyMargin.spread()).isCloseTo(Math.sqrt(2) * 0.008, within(1e-12));
        assertThat(noisyMargin.exceedsTwoDeviations()).isFalse();
        assertThat(MarkdownReport.verdict(clear)).contains("+0.0100").contains("**met**");
        assertThat(MarkdownReport.verdict(noisy)).contains("**not met**");
    }

    @Test
    void theMovieLensTableShowsThePapersFiguresBesideOurs() {
        AblationTable table = new AblationTable(AblationDataset.MOVIELENS, List.of(run(AblationConfiguration.BASE, 1, 0.70),
                run(AblationConfiguration.DIN_DICE, 1, 0.71)));

        String markdown = MarkdownReport.of(List.of(table));

        assertThat(markdown).contains("| Base (Embedding&MLP) | 0.7300 | 0.00 % | 0.7000 ± 0.0000 | 0.00 % ± 0.00 % |")
                .contains("| DIN with Dice | 0.7348 | 2.09 % | 0.7100 ± 0.0000 | 5.00 % ± 0.00 % |")
                .contains("| DIN + Dice | 1 | 0.7100 |");
    }

    static RunResult run(AblationConfiguration configuration, long seed, double gauc) {
        return new RunResult(configuration, seed, gauc, gauc - 0.01, 2, 30);
    }

    private static List<RunResult> concat(List<RunResult> a, List<RunResult> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
