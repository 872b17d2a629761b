package io.dinplatform.api.benchmark.ablation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The ablation's tables in Markdown: per dataset the paper-style table (mean ± standard deviation over seeds, the
 * paper's MovieLens-20M figures beside ours where it reports them), the verdict on the target, and every seed's run.
 */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String of(List<AblationTable> tables) {
        StringBuilder out = new StringBuilder();
        for (AblationTable table : tables) {
            out.append("### ").append(table.dataset().title()).append("\n\n");
            summary(out, table, table.dataset().hasPaperFigures());
            out.append('\n').append(verdict(table)).append("\n\n");
            perSeed(out, table);
            out.append('\n');
        }
        return out.toString();
    }

    /** The target line: DIN with MBA and Dice against the base, margin and verdict. */
    static String verdict(AblationTable table) {
        return table.marginOverBase(AblationConfiguration.DIN_MBA_DICE)
                .map(m -> String.format(Locale.ROOT, "Target (DIN + MBA + Dice beats Base on test GAUC by more than "
                                + "two standard deviations of the seed spread): difference %+.4f, 2 × spread %.4f: %s.",
                        m.difference(), 2 * m.spread(), m.exceedsTwoDeviations() ? "**met**" : "**not met**"))
                .orElse("Target: not measured (DIN + MBA + Dice or Base has no run).");
    }

    private static void summary(StringBuilder out, AblationTable table, boolean paper) {
        out.append(paper ? "| model | paper, MovieLens-20M: GAUC | paper: RelaImpr " : "| model ")
                .append("| test GAUC (mean ± std) | RelaImpr vs Base, GAUC (mean ± std) | test AUC (mean ± std) "
                        + "| epochs kept | seeds |\n")
                .append(paper ? "| --- | ---: | ---: " : "| --- ")
                .append("| ---: | ---: | ---: | --- | ---: |\n");
        for (AblationConfiguration configuration : table.configurations()) {
            out.append("| ").append(configuration.description()).append(' ');
            if (paper) {
                out.append("| ").append(PaperFigures.movieLens20mGauc(configuration)
                                .map(g -> String.format(Locale.ROOT, "%.4f", g)).orElse("—"))
                        .append(" | ").append(percent(PaperFigures.movieLens20mRelaImpr(configuration))).append(' ');
            }
            out.append("| ").append(table.testGauc(configuration).format(4))
                    .append(" | ").append(table.relaImpr(configuration)
                            .map(r -> r.format(2).replace(" ±", " % ±") + " %").orElse("—"))
                    .append(" | ").append(table.testAuc(configuration).format(4))
                    .append(" | ").append(table.runsOf(configuration).stream()
                            .map(r -> String.valueOf(r.bestEpoch())).collect(Collectors.joining(", ")))
                    .append(" | ").append(table.runsOf(configuration).size()).append(" |\n");
        }
    }

    private static void perSeed(StringBuilder out, AblationTable table) {
        out.append("Every run (test GAUC / test AUC, epoch kept, seconds):\n\n")
                .append("| model | seed | test GAUC | test AUC | epoch kept | seconds |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (AblationConfiguration configuration : table.configurations()) {
            for (RunResult run : table.runsOf(configuration)) {
                out.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.4f | %d | %.0f |%n",
                        configuration.label(), run.seed(), run.testGauc(), run.testAuc(), run.bestEpoch(),
                        run.seconds()));
            }
        }
    }

    private static String percent(Optional<Double> value) {
        return value.map(v -> String.format(Locale.ROOT, "%.2f %%", v)).orElse("—");
    }
}
