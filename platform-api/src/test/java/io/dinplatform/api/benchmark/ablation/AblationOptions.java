package io.dinplatform.api.benchmark.ablation;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The command's options.
 *
 * @param seeds          the training seeds ({@code --seeds N}: 1 to N; {@code --seeds A-B}: A to B)
 * @param epochs         the most epochs of a run
 * @param datasets       which datasets, in order
 * @param out            where every finished run is appended ({@code ablation-runs.csv}) and the report drawn from
 *                       all the runs there is written: the Markdown tables ({@code ablation-table.md}) and the chart
 *                       ({@code ablation.svg})
 * @param shared         the directory that holds {@code data/movielens-100k}
 * @param syntheticUsers users of the synthetic data (10 impressions each)
 * @param reportOnly     train nothing: draw the report from the runs already in {@code out}
 * @param configurations which configurations to train, in order
 * @param mbaLambda      λ of the configurations with MBA
 */
record AblationOptions(List<Long> seeds, int epochs, List<AblationDataset> datasets, Path out, Path shared,
                       int syntheticUsers, boolean reportOnly, List<AblationConfiguration> configurations,
                       double mbaLambda) {

    Path runLog() {
        return out.resolve("ablation-runs.csv");
    }

    static AblationOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>(Map.of("--seeds", "5", "--epochs", "3",
                "--datasets", "movielens,synthetic", "--out", "target/ablation", "--shared", "../shared",
                "--synthetic-users", "2000", "--report-only", "false"));
        values.put("--configurations", Arrays.stream(AblationConfiguration.values()).map(Enum::name)
                .collect(Collectors.joining(",")));
        values.put("--mba-lambda", Double.toString(TrainingProtocol.PAPER_MBA_LAMBDA));
        for (int i = 0; i < args.length; i += 2) {
            if (!values.containsKey(args[i]) || i + 1 == args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i] + "; options: "
                        + values.keySet());
            }
            values.put(args[i], args[i + 1]);
        }
        List<AblationDataset> datasets = Arrays.stream(values.get("--datasets").split(","))
                .map(name -> AblationDataset.valueOf(name.trim().toUpperCase(Locale.ROOT))).toList();
        return new AblationOptions(seeds(values.get("--seeds")),
                Integer.parseInt(values.get("--epochs")), datasets, Path.of(values.get("--out")),
                Path.of(values.get("--shared")), Integer.parseInt(values.get("--synthetic-users")),
                Boolean.parseBoolean(values.get("--report-only")), configurations(values.get("--configurations")),
                Double.parseDouble(values.get("--mba-lambda")));
    }

    /** {@code N}: the seeds 1 to N; {@code A-B}: the seeds A to B (to go on with a sweep that stopped). */
    private static List<Long> seeds(String range) {
        int dash = range.indexOf('-');
        long first = dash < 0 ? 1 : Long.parseLong(range.substring(0, dash).trim());
        long last = Long.parseLong(range.substring(dash + 1).trim());
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("--seeds must be N or A-B with 1 <= A <= B, got " + range);
        }
        return LongStream.rangeClosed(first, last).boxed().toList();
    }

    private static List<AblationConfiguration> configurations(String names) {
        return Arrays.stream(names.split(","))
                .map(name -> AblationConfiguration.valueOf(name.trim().toUpperCase(Locale.ROOT))).toList();
    }
}
