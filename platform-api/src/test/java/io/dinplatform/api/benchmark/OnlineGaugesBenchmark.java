package io.dinplatform.api.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.dinplatform.api.PlatformApiApplication;
import io.dinplatform.api.online.OnlineGauges;
import io.dinplatform.registry.impression.ImpressionPartitions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * What keeping the online gauges costs once the last complete hour holds many impressions (a program, not a test):
 * the wall time of {@link OnlineGauges#refresh()}, the work every replica does every
 * {@code din.impressions.gauge-refresh}.
 *
 * <p>It starts the standalone platform (embedded PostgreSQL) in this JVM with the scheduled refresh out of the way,
 * fills the last complete hour with {@code --impressions} impressions of one model, spread evenly over the hour, each
 * with MovieLens-shaped features (a user, an item, a history of 50 items), and feedback for half of them, all written
 * by PostgreSQL itself ({@code generate_series}) and analysed. Then it times refreshes: the first (nothing computed
 * yet), {@code --repeats} with the log unchanged, one after a single feedback report arrived, one after a single
 * impression arrived. It prints each refresh's milliseconds and each kind's median over the first refresh's, a ratio
 * measured within one run.
 *
 * <p>Arguments: {@code --impressions 300000}, {@code --repeats 5}.
 */
public final class OnlineGaugesBenchmark {

    private static final String MODEL = "gauge-benchmark";

    private OnlineGaugesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path directory = Files.createTempDirectory("din-gauges-benchmark-");
        try (ConfigurableApplicationContext platform = new SpringApplicationBuilder(PlatformApiApplication.class)
                .run("--server.port=0", "--din.data-dir=" + directory, "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN", "--din.impressions.gauge-refresh=1d")) {
            JdbcTemplate jdbc = platform.getBean(JdbcTemplate.class);
            OnlineGauges gauges = platform.getBean(OnlineGauges.class);
            Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
            platform.getBean(ImpressionPartitions.class).ensure(hour.atZone(ZoneOffset.UTC).toLocalDate());
            long filling = System.nanoTime();
            jdbc.update("INSERT INTO registered_models (name) VALUES (?)", MODEL);
            fill(jdbc, hour, options.impressions());
            System.out.printf(Locale.ROOT, "filled the hour from %s with %,d impressions in %.1f s%n", hour,
                    options.impressions(), (System.nanoTime() - filling) / 1e9);

            System.out.println("| refresh | ms |");
            System.out.println("| --- | ---: |");
            double first = timed("first", gauges);
            List<Double> unchanged = new ArrayList<>();
            for (int i = 0; i < options.repeats(); i++) {
                unchanged.add(timed("log unchanged", gauges));
            }
            jdbc.update("""
                    UPDATE impression_feedback SET clicked = NOT clicked, received_at = now()
                    WHERE impression_id = (SELECT impression_id FROM impression_feedback
                                           WHERE served_at >= ? AND served_at < ? LIMIT 1)""",
                    Timestamp.from(hour), Timestamp.from(hour.plus(1, ChronoUnit.HOURS)));
            double afterFeedback = timed("one feedback report later", gauges);
            insertImpressions(jdbc, hour, options.impressions(), 1);
            double afterImpression = timed("one impression later", gauges);

            double steady = unchanged.stream().sorted().toList().get(unchanged.size() / 2);
            System.out.printf(Locale.ROOT, "over the first refresh: log unchanged (median) %.4f, one feedback report "
                    + "later %.4f, one impression later %.4f%n", steady / first, afterFeedback / first,
                    afterImpression / first);
        } finally {
            FileSystemUtils.deleteRecursively(directory);
        }
    }

    private static double timed(String what, OnlineGauges gauges) {
        long start = System.nanoTime();
        gauges.refresh();
        double millis = (System.nanoTime() - start) / 1e6;
        System.out.printf(Locale.ROOT, "| %s | %.1f |%n", what, millis);
        return millis;
    }

    /** The hour's impressions, every other one with feedback, then statistics for the planner. */
    private static void fill(JdbcTemplate jdbc, Instant hour, int impressions) {
        insertImpressions(jdbc, hour, 0, impressions);
        jdbc.update("""
                INSERT INTO impression_feedback (impression_id, served_at, clicked, reported_at)
                SELECT id, served_at, random() < 0.1, served_at + interval '1 minute'
                FROM impressions WHERE model_name = ? AND served_at >= ? AND served_at < ?
                  AND get_byte(uuid_send(id), 15) % 2 = 0""",
                MODEL, Timestamp.from(hour), Timestamp.from(hour.plus(1, ChronoUnit.HOURS)));
        jdbc.execute("ANALYZE impressions");
        jdbc.execute("ANALYZE impression_feedback");
    }

    /** Impressions number {@code first} to {@code first + count - 1} of an hour holding {@code spread} evenly. */
    private static void insertImpressions(JdbcTemplate jdbc, Instant hour, int first, int count) {
        long spread = Math.max(first + count, 1);
        jdbc.update("""
                INSERT INTO impressions (id, served_at, model_name, model_version, arm, score, group_id, features,
                                         unknown_features, latency_micros)
                SELECT gen_random_uuid(), ?::timestamptz + (n * 3600.0 / ?) * interval '1 second', ?, 1 + n % 2,
                       'production', random(), 'u' || (n % 943),
                       jsonb_build_object('user_id', (n % 943)::text, 'item_id', (n % 1682)::text,
                                          'hist_item_id', (SELECT jsonb_agg(((n + k * 7) % 1682)::text)
                                                           FROM generate_series(1, 50) k)),
                       CASE WHEN n % 20 = 0 THEN ARRAY['item_id']::varchar[] ELSE '{}' END,
                       200 + n % 300
                FROM generate_series(?::int, ?::int) n""",
                Timestamp.from(hour), spread, MODEL, first, first + count - 1);
    }

    private record Options(int impressions, int repeats) {

        static Options parse(String[] args) {
            int impressions = 300_000;
            int repeats = 5;
            for (int i = 0; i < args.length; i += 2) {
                switch (args[i]) {
                    case "--impressions" -> impressions = Integer.parseInt(args[i + 1]);
                    case "--repeats" -> repeats = Integer.parseInt(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(impressions, repeats);
        }
    }
}
