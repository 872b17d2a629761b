package io.dinplatform.registry.impression;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The day partitions (UTC) of the impression log, its rankings' contexts and its feedback: created ahead of the days
 * they hold, dropped whole once older than the retention. The tables are partitioned alike, so a day's impressions,
 * their contexts and their feedback go together.
 */
public class ImpressionPartitions {

    static final List<String> TABLES = List.of("impressions", "impression_contexts", "impression_feedback");

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;

    private final JdbcClient jdbc;

    public ImpressionPartitions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates the partitions of {@code day} where they are missing. Several processes may do so at once: the block
     * treats a partition another one created first as created.
     */
    public void ensure(LocalDate day) {
        for (String table : TABLES) {
            jdbc.sql("""
                    DO $$ BEGIN
                        CREATE TABLE IF NOT EXISTS %s PARTITION OF %s
                            FOR VALUES FROM ('%sT00:00:00Z') TO ('%sT00:00:00Z');
                    EXCEPTION WHEN duplicate_table OR unique_violation THEN NULL;
                    END $$
                    """.formatted(partition(table, day), table, day, day.plusDays(1))).update();
        }
    }

    /** Drops every partition whose day ends on or before {@code firstKept}'s start; returns the days dropped. */
    public List<LocalDate> dropBefore(LocalDate firstKept) {
        List<LocalDate> dropped = new ArrayList<>();
        for (String table : TABLES) {
            for (String partition : partitionsOf(table)) {
                Optional<LocalDate> day = dayOf(table, partition);
                if (day.isPresent() && day.get().isBefore(firstKept)) {
                    jdbc.sql("DROP TABLE IF EXISTS " + partition).update();
                    if (!dropped.contains(day.get())) {
                        dropped.add(day.get());
                    }
                }
            }
        }
        return dropped;
    }

    /** The days that have partitions, oldest first. */
    public List<LocalDate> days() {
        return partitionsOf(TABLES.get(0)).stream().map(name -> dayOf(TABLES.get(0), name)).flatMap(Optional::stream)
                .sorted().toList();
    }

    private List<String> partitionsOf(String table) {
        return jdbc.sql("""
                        SELECT child.relname FROM pg_inherits
                        JOIN pg_class child ON child.oid = pg_inherits.inhrelid
                        JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
                        WHERE parent.relname = ? AND parent.relnamespace = current_schema()::regnamespace
                        """)
                .param(table).query(String.class).list();
    }

    static String partition(String table, LocalDate day) {
        return table + "_" + SUFFIX.format(day);
    }

    private static Optional<LocalDate> dayOf(String table, String partition) {
        String prefix = table + "_";
        if (!partition.startsWith(prefix)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(partition.substring(prefix.length()), SUFFIX));
        } catch (DateTimeParseException e) {
            return Optional.empty(); // not one of ours
        }
    }
}
