package io.dinplatform.api.online;

import java.util.List;
import java.util.UUID;

import io.dinplatform.registry.impression.Impression;

/**
 * What the impression log made of one answered request.
 *
 * @param ids    an impression id per returned score, in order
 * @param logged the impressions queued for the log, in the same order; empty when the request was not drawn for it
 */
public record RecordedImpressions(List<UUID> ids, List<Impression> logged) {

    public RecordedImpressions {
        ids = List.copyOf(ids);
        logged = List.copyOf(logged);
    }
}
