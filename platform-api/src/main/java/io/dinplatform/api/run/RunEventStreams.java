package io.dinplatform.api.run;

import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

import io.dinplatform.registry.run.TrainingRunRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/** Opens the server-sent event stream of a run: one {@link RunEventStream} per reader, polled by a shared pool. */
@Service
public class RunEventStreams {

    private final TrainingRunRepository runs;
    private final JsonMapper json;
    private final ScheduledExecutorService polling;
    private final RunEventsProperties properties;

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
        new RunEventStream(runId, lastEventId, runs, json, emitter).start(polling, properties.pollInterval());
        return emitter;
    }
}
