package io.dinplatform.api.benchmark.ablation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every finished run, one CSV line each, appended as the run ends: the sweep's raw record, from which the report can
 * be drawn again (several sweeps' logs together, or an interrupted sweep's whole seeds) without training. A run
 * logged again (the same dataset, configuration and seed) replaces the earlier line.
 */
final class RunLog {

    static final String HEADER = "dataset,configuration,seed,test_gauc,test_auc,best_epoch,seconds";

    private RunLog() {
    }

    static void append(Path log, AblationDataset dataset, RunResult run) throws IOException {
        if (!Files.exists(log)) {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, HEADER + "\n");
        }
        Files.writeString(log, String.format(Locale.ROOT, "%s,%s,%d,%.6f,%.6f,%d,%.1f%n", dataset.name(),
                run.configuration().name(), run.seed(), run.testGauc(), run.testAuc(), run.bestEpoch(),
                run.seconds()), StandardOpenOption.APPEND);
    }

    /** The runs of the given logs per dataset, in the order of {@link AblationDataset}; the last line of a run wins. */
    static Map<AblationDataset, List<RunResult>> read(List<Path> logs) throws IOException {
        Map<AblationDataset, Map<String, RunResult>> runs = new LinkedHashMap<>();
        for (AblationDataset dataset : AblationDataset.values()) {
            runs.put(dataset, new LinkedHashMap<>());
        }
        for (Path log : logs) {
            List<String> lines = Files.readAllLines(log);
            if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
                throw new IOException(log + " is not a run log: its first line must be " + HEADER);
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                RunResult run = new RunResult(AblationConfiguration.valueOf(f[1]), Long.parseLong(f[2]),
                        Double.parseDouble(f[3]), Double.parseDouble(f[4]), Integer.parseInt(f[5]),
                        Double.parseDouble(f[6]));
                runs.get(AblationDataset.valueOf(f[0])).put(run.configuration() + "/" + run.seed(), run);
            }
        }
        Map<AblationDataset, List<RunResult>> logged = new LinkedHashMap<>();
        runs.forEach((dataset, byRun) -> {
            if (!byRun.isEmpty()) {
                logged.put(dataset, new ArrayList<>(byRun.values()));
            }
        });
        return logged;
    }
}
