package io.dinplatform.api.run;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import io.dinplatform.registry.run.TrainingRunRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens the server-sent event stream of a run: one {@link RunEventStream} per reader, polled by a shared pool.
 *
 * <p>A stream stays open while its run goes on (up to {@code din.api.events.timeout}), and the web server's graceful
 * shutdown waits for open requests: so a stopping server ends its open streams first (a {@link SmartLifecycle} of the
 * default phase stops before the web server's graceful shutdown), and their readers reconnect, with Last-Event-ID, to
 * another replica or to this one once it is back. A stream asked for while stopping ends at once.
 */
@Service
public class RunEventStreams implements SmartLifecycle {

    private final TrainingRunRepository runs;
    private final JsonMapper json;
    private final ScheduledExecutorService polling;
    private final RunEventsProperties properties;
    private final Set<RunEventStream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    public RunEventStreams(TrainingRunRepository runs, JsonMapper json,
                           @Qualifier("runEventPolling") ScheduledExecutorService polling,
                           RunEventsProperties properties) {
        this.runs = runs;
        this.json = json;
        this.polling = polling;
        this.properties = properties;
    }

    /**
     * Streams the run's events after {@code lastEventId} (0 for all of them), then the new ones as they are written,
     * until the run has ended. The caller has checked that the run exists.
     */
    public SseEmitter open(UUID runId, long lastEventId) {
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        if (!running) {
            emitter.complete();
            return emitter;
        }
        RunEventStream stream = new RunEventStream(runId, lastEventId, runs, json, emitter, open::remove);
        open.add(stream);
        stream.start(polling, properties.pollInterval());
        if (!running) {
            stream.end(); // stopping began while it opened
        }
        return emitter;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every open stream. */
    @Override
    public void stop() {
        running = false;
        open.forEach(RunEventStream::end);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
