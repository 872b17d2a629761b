package io.dinplatform.worker.steps;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The model of each run executing on this worker, shared by its train, evaluate and register steps and closed when
 * the job execution ends (its native memory is not the garbage collector's to free).
 */
public class TrainingSessions {

    private final Map<UUID, TrainingSession> byRun = new ConcurrentHashMap<>();

    public TrainingSession of(UUID runId, Supplier<TrainingSession> create) {
        return byRun.computeIfAbsent(runId, id -> create.get());
    }

    public void release(UUID runId) {
        TrainingSession session = byRun.remove(runId);
        if (session != null) {
            session.close();
        }
    }
}
