package io.dinplatform.api.benchmark.ablation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunLogTest {

    @TempDir
    Path directory;

    @Test
    void readsBackEveryAppendedRunPerDataset() throws Exception {
        Path log = directory.resolve("out/ablation-runs.csv");
        RunResult synthetic = new RunResult(AblationConfiguration.DIN_DICE, 3, 0.871234, 0.86, 2, 41.5);
        RunResult movieLens = new RunResult(AblationConfiguration.BASE, 1, 0.701, 0.705, 1, 120);

        RunLog.append(log, AblationDataset.SYNTHETIC, synthetic);
        RunLog.append(log, AblationDataset.MOVIELENS, movieLens);
        Map<AblationDataset, List<RunResult>> runs = RunLog.read(List.of(log));

        assertThat(runs.keySet()).containsExactly(AblationDataset.MOVIELENS, AblationDataset.SYNTHETIC);
        assertThat(runs.get(AblationDataset.SYNTHETIC)).containsExactly(synthetic);
        assertThat(runs.get(AblationDataset.MOVIELENS)).containsExactly(movieLens);
    }

    @Test
    void aRunLoggedAgainReplacesTheEarlierLine() throws Exception {
        Path log = directory.resolve("ablation-runs.csv");
        RunResult first = new RunResult(AblationConfiguration.BASE, 1, 0.70, 0.71, 2, 700);
        RunResult again = new RunResult(AblationConfiguration.BASE, 1, 0.72, 0.73, 1, 60);
        RunResult other = new RunResult(AblationConfiguration.BASE, 2, 0.71, 0.72, 2, 65);

        RunLog.append(log, AblationDataset.MOVIELENS, first);
        RunLog.append(log, AblationDataset.MOVIELENS, other);
        RunLog.append(log, AblationDataset.MOVIELENS, again);

        assertThat(RunLog.read(List.of(log)).get(AblationDataset.MOVIELENS)).containsExactly(again, other);
    }

    @Test
    void refusesAFileThatIsNotARunLog() throws Exception {
        Path other = Files.writeString(directory.resolve("other.csv"), "a,b\n1,2\n");

        assertThatThrownBy(() -> RunLog.read(List.of(other))).hasMessageContaining("is not a run log");
    }
}
