package io.dinplatform.worker.scoring;

import java.nio.file.Files;
import java.util.Map;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A restart on a worker that cannot see the partial scores file of the earlier attempt (another machine without a
 * shared scratch directory, or a cleaned disk) starts the scoring over from the first row: the positions saved for
 * the reader and the file are dropped before they are opened, so the result still holds every row exactly once.
 */
class LostScratchFile implements StepExecutionListener {

    private final ActiveBatchPredictions active;
    private final ScratchFiles scratch;

    LostScratchFile(ActiveBatchPredictions active, ScratchFiles scratch) {
        this.active = active;
        this.scratch = scratch;
    }

    @Override
    public void beforeStep(StepExecution step) {
        ActiveBatchPrediction prediction = active.require(step.getJobParameters());
        ExecutionContext context = step.getExecutionContext();
        if (context.isEmpty() || Files.exists(scratch.scoresOf(prediction.id()))) {
            return;
        }
        context.entrySet().stream().map(Map.Entry::getKey)
                .filter(key -> key.startsWith(ScoresFile.WRITER_NAME + ".")
                        || key.startsWith(DatasetRowReader.NAME + "."))
                .toList()
                .forEach(context::remove);
    }
}
