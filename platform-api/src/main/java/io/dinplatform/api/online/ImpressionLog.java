package io.dinplatform.api.online;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.dinplatform.registry.impression.Impression;
import io.dinplatform.registry.impression.ImpressionContext;
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
        int count = served.scores().length;
        LoggedFeatures features = served.features();
        // One millisecond for the whole answer: a ranking's candidates and its context share their partition.
        List<UUID> ids = ImpressionIds.sameMillisecond(features.ranked() ? count + 1 : count);
        List<Impression> logged = new ArrayList<>();
        if (count > 0 && sampler.sampled(served.model())) {
            int latencyMicros = (int) Math.min(Integer.MAX_VALUE, served.latencyNanos() / 1000);
            Instant servedAt = ImpressionIds.servedAt(ids.get(0)).orElseThrow();
            JsonNode shared = features.ranked() ? features.context().get() : null;
            ImpressionContext context = shared == null ? null : new ImpressionContext(ids.get(count), shared);
            for (int i = 0; i < count; i++) {
                JsonNode own = features.own().apply(i);
                Impression impression = new Impression(ids.get(i), servedAt, served.model(), served.version(),
                        served.arm(), served.scores()[i], served.groupIn(own, shared), own,
                        served.unknownFeatures().apply(i), latencyMicros, null, context);
                queue.offer(impression);
                logged.add(impression);
            }
        }
        return new RecordedImpressions(ids.subList(0, count), logged);
    }

    /** Queues a shadow version's scores of served impressions (never returned to anyone). */
    public void recordShadow(List<Impression> shadowScores) {
        shadowScores.forEach(queue::offer);
    }
}
