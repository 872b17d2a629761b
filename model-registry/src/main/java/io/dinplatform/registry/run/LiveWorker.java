package io.dinplatform.registry.run;

import java.time.Instant;

/**
 * A training worker that is alive: it renewed its advertisement and the renewal has not expired.
 *
 * @param advertisement what it said about itself
 * @param startedAt     when it first advertised itself
 * @param seenAt        its last renewal
 * @param expiresAt     when it stops counting as alive unless it renews again
 */
public record LiveWorker(WorkerAdvertisement advertisement, Instant startedAt, Instant seenAt, Instant expiresAt) {
}
