package io.dinplatform.api.online;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.dinplatform.registry.impression.Impression;
import io.dinplatform.registry.impression.ImpressionIds;
import tools.jackson.databind.JsonNode;

/**
 * What serving calls once per answered request: an impression id for every score it returns, and the impressions
 * queued for the log when the request is drawn for it. Queuing is all it does on the request's thread.
 */
public class ImpressionLog {

    private final ImpressionSampler sampler;
    private final ImpressionQueue queue;

    public ImpressionLog(ImpressionSampler sampler, ImpressionQueue queue) {
        this.sampler = sampler;
        this.queue = queue;
    }

    /**
     * The ids of the request's impressions, in the order of its scores; logged when the request is sampled (and then
     * also returned, for a shadow version to score the same impressions).
     */
    public RecordedImpressions record(ServedImpressions served) {
        List<UUID> ids = new ArrayList<>(served.scores().length);
        for (int i = 0; i < served.scores().length; i++) {
            ids.add(ImpressionIds.next());
        }
        List<Impression> logged = new ArrayList<>();
        if (sampler.sampled(served.model())) {
            int latencyMicros = (int) Math.min(Integer.MAX_VALUE, served.latencyNanos() / 1000);
            for (int i = 0; i < ids.size(); i++) {
                UUID id = ids.get(i);
                Instant servedAt = ImpressionIds.servedAt(id).orElseThrow();
                JsonNode features = served.featuresOf(i);
                Impression impression = new Impression(id, servedAt, served.model(), served.version(), served.arm(),
                        served.scores()[i], served.groupIn(features), features, served.unknownFeatures().apply(i),
                        latencyMicros);
                queue.offer(impression);
                logged.add(impression);
            }
        }
        return new RecordedImpressions(ids, logged);
    }

    /** Queues a shadow version's scores of served impressions (never returned to anyone). */
    public void recordShadow(List<Impression> shadowScores) {
        shadowScores.forEach(queue::offer);
    }
}
