package io.dinplatform.registry.impression;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The length of the windows that online figures are grouped by, in UTC. */
public enum OnlineWindow {
    HOUR("hour", Duration.ofHours(1)),
    DAY("day", Duration.ofDays(1));

    private final String unit;
    private final Duration length;

    OnlineWindow(String unit, Duration length) {
        this.unit = unit;
        this.length = length;
    }

    /** PostgreSQL's name of the unit, for {@code date_trunc}. */
    String unit() {
        return unit;
    }

    public Duration length() {
        return length;
    }

    /** The start of the window that holds {@code instant} (UTC). */
    public Instant startOf(Instant instant) {
        return instant.truncatedTo(this == HOUR ? ChronoUnit.HOURS : ChronoUnit.DAYS);
    }
}
