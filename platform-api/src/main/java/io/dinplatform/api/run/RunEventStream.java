package io.dinplatform.api.run;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.run.RunEvent;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.registry.run.TrainingRunRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One reader's stream of a run: each poll sends the events written since the last one ({@code id} the event's id,
 * {@code event} its type, {@code data} its JSON payload), then an {@code event: status} when the run's status
 * changed, and ends the stream once the run has ended and its last event was sent.
 *
 * <p>Polls run one after another (fixed delay), so the position in the stream needs no locking; only the flag that
 * stops polling is shared with the servlet container's callbacks and with {@link #end}.
 */
final class RunEventStream {

    /** Events read per query: a reader that connects late to a long run catches up in bounded steps. */
    static final int BATCH_SIZE = 500;

    private static final Logger log = LoggerFactory.getLogger(RunEventStream.class);

    private final UUID runId;
    private final TrainingRunRepository runs;
    private final JsonMapper json;
    private final SseEmitter emitter;
    private final Consumer<RunEventStream> onStop;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private long lastEventId;
    private JobStatus lastStatus;
    private volatile ScheduledFuture<?> polling;

    /** @param onStop told once, when the stream stops for whatever reason */
    RunEventStream(UUID runId, long lastEventId, TrainingRunRepository runs, JsonMapper json, SseEmitter emitter,
                   Consumer<RunEventStream> onStop) {
        this.runId = runId;
        this.lastEventId = lastEventId;
        this.runs = runs;
        this.json = json;
        this.emitter = emitter;
        this.onStop = onStop;
    }

    void start(ScheduledExecutorService executor, Duration interval) {
        emitter.onCompletion(this::stop);
        emitter.onError(error -> stop());
        // The reader reconnects with Last-Event-ID; ending the response cleanly lets it do so.
        emitter.onTimeout(() -> {
            stop();
            emitter.complete();
        });
        polling = executor.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        if (stopped.get()) {
            polling.cancel(false);
        }
    }

    /**
     * Ends the stream cleanly from outside (the server is stopping): its reader reconnects with Last-Event-ID and
     * misses nothing.
     */
    void end() {
        if (stop()) {
            emitter.complete();
        }
    }

    private void poll() {
        if (stopped.get()) {
            return;
        }
        try {
            // The status is read before the events: a run ends after its worker wrote its last event, so when the
            // status read is final, the events read next are all there will be.
            Optional<TrainingRun> run = runs.find(runId);
            sendNewEvents();
            if (run.isEmpty()) {
                finish();
                return;
            }
            sendStatusIfChanged(run.get());
            if (run.get().status().isFinal()) {
                finish();
            }
        } catch (IOException | IllegalStateException e) {
            // The reader went away, or the stream was already completed: the container reports it, polling stops.
            stop();
        } catch (RuntimeException e) {
            log.warn("Event stream of run {} failed", runId, e);
            stop();
            emitter.completeWithError(e);
        }
    }

    private void sendNewEvents() throws IOException {
        List<RunEvent> batch;
        do {
            batch = runs.eventsAfter(runId, lastEventId, BATCH_SIZE);
            for (RunEvent event : batch) {
                emitter.send(SseEmitter.event().id(Long.toString(event.id())).name(event.type())
                        .data(json.writeValueAsString(event.payload())));
                lastEventId = event.id();
            }
        } while (batch.size() == BATCH_SIZE);
    }

    private void sendStatusIfChanged(TrainingRun run) throws IOException {
        if (run.status() == lastStatus) {
            return;
        }
        ObjectNode status = json.createObjectNode().put("status", run.status().name());
        if (run.error() != null) {
            status.put("error", run.error());
        }
        emitter.send(SseEmitter.event().name("status").data(json.writeValueAsString(status)));
        lastStatus = run.status();
    }

    private void finish() {
        stop();
        emitter.complete();
    }

    /** Stops polling; true for the call that stopped it. */
    private boolean stop() {
        if (!stopped.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> scheduled = polling;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        onStop.accept(this);
        return true;
    }
}
