package io.dinplatform.registry.impression;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.UUIDType;
import com.fasterxml.uuid.impl.TimeBasedEpochRandomGenerator;
import com.fasterxml.uuid.impl.UUIDUtil;

/**
 * Impression ids: UUIDs of version 7 (RFC 9562), whose first 48 bits are the serving time in Unix milliseconds and
 * whose other 74 bits are random. The time in the id is what places an impression in its day's partition, so
 * feedback, which carries only the id, reaches that partition alone; and an id cannot be guessed from another.
 */
public final class ImpressionIds {

    private static final TimeBasedEpochRandomGenerator GENERATOR = Generators.timeBasedEpochRandomGenerator();

    private ImpressionIds() {
    }

    /** A new id, of the current time. */
    public static UUID next() {
        return GENERATOR.generate();
    }

    /**
     * {@code count} new ids of one millisecond, the current one: the impressions of one answer share their serving
     * time, so that a ranking's candidates and its context ({@link ImpressionContext}) land in the same partition.
     * The 74 random bits keep them apart.
     */
    public static List<UUID> sameMillisecond(int count) {
        long now = System.currentTimeMillis();
        List<UUID> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(GENERATOR.construct(now));
        }
        return ids;
    }

    /** The serving time an id carries, to the millisecond; empty for a UUID that is not of version 7. */
    public static Optional<Instant> servedAt(UUID id) {
        if (UUIDUtil.typeOf(id) != UUIDType.TIME_BASED_EPOCH) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(UUIDUtil.extractTimestamp(id)));
    }
}
