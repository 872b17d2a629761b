package io.dinplatform.registry.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The {@link ModelChangeRelay} listens again after losing its connection: changes that other processes committed
 * while it was away were not heard (PostgreSQL keeps no notification for a listener that is gone), so whoever keeps
 * what a model resolves to should check it again instead of waiting for its time to live.
 *
 * @param lostAt      when the relay noticed that its connection was gone
 * @param listeningAt when it listened again
 */
public record ModelChangesMissed(Instant lostAt, Instant listeningAt) {

    public ModelChangesMissed {
        Objects.requireNonNull(lostAt, "lostAt");
        Objects.requireNonNull(listeningAt, "listeningAt");
    }
}
