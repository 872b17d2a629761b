package io.dinplatform.registry.impression;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import static io.dinplatform.registry.database.CatalogColumns.instant;
import static io.dinplatform.registry.database.CatalogColumns.json;

/**
 * The impression log: what serving answered, written in batches off the request path, the clicks reported for it,
 * and the per-window figures of online evaluation read back from both.
 */
public class ImpressionRepository {

    /** Contexts per INSERT statement: three parameters each, far below PostgreSQL's 65,535 a statement. */
    static final int ROWS_PER_STATEMENT = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public ImpressionRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * Stores the impressions and the contexts of the rankings among them, each context once (their day partitions
     * must exist: {@link ImpressionPartitions#ensure}). A context already stored, by an earlier batch holding some of
     * the same ranking's candidates, is left as it is; a shadow's context is its served twin's, stored with the twin.
     * One transaction: a batch that fails leaves no context behind that none of its impressions could refer to.
     */
    @Transactional
    public void insert(List<Impression> impressions) {
        Map<UUID, Impression> contexts = new LinkedHashMap<>();
        for (Impression impression : impressions) {
            if (impression.context() != null && !impression.shadow()) {
                contexts.putIfAbsent(impression.context().id(), impression);
            }
        }
        List<Impression> rankings = List.copyOf(contexts.values());
        for (int from = 0; from < rankings.size(); from += ROWS_PER_STATEMENT) {
            insertContexts(rankings.subList(from, Math.min(rankings.size(), from + ROWS_PER_STATEMENT)));
        }
        if (!impressions.isEmpty()) {
            copyRows(impressions);
        }
    }

    /**
     * Records each report against its impression; a later report of the same impression replaces the earlier one (a
     * click may follow a "not clicked"), the same report twice changes nothing. Reports of one impression within the
     * list: the last one counts.
     *
     * @return per report, in order, whether its impression is in the log (false: never logged, or dropped)
     */
    public boolean[] recordFeedback(List<ClickFeedback> feedback) {
        if (feedback.isEmpty()) {
            return new boolean[0];
        }
        Map<UUID, ClickFeedback> latest = new LinkedHashMap<>();
        feedback.forEach(report -> latest.put(report.impressionId(), report));
        List<ClickFeedback> distinct = List.copyOf(latest.values());
        int[][] counts = template.batchUpdate("""
                        INSERT INTO impression_feedback (impression_id, served_at, clicked, reported_at)
                        SELECT id, served_at, ?, ? FROM impressions WHERE id = ? AND served_at = ?
                        ON CONFLICT (impression_id, served_at)
                        DO UPDATE SET clicked = EXCLUDED.clicked, reported_at = EXCLUDED.reported_at,
                                      received_at = now()
                        """, distinct, distinct.size() + 1, (statement, report) -> {
                    statement.setBoolean(1, report.clicked());
                    statement.setTimestamp(2, Timestamp.from(report.reportedAt()));
                    statement.setObject(3, report.impressionId());
                    statement.setTimestamp(4, Timestamp.from(ImpressionIds.servedAt(report.impressionId())
                            .orElseThrow(() -> new IllegalArgumentException(
                                    report.impressionId() + " is not an impression id"))));
                });
        Map<UUID, Boolean> found = new LinkedHashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            found.put(distinct.get(i).impressionId(), counts[0][i] != 0);
        }
        boolean[] recorded = new boolean[feedback.size()];
        for (int i = 0; i < recorded.length; i++) {
            recorded[i] = found.get(feedback.get(i).impressionId());
        }
        return recorded;
    }

    /**
     * Per version, arm and window of the model's impressions served in [from, to): counts, clicks, the mean score
     * and the latency percentiles, oldest window first.
     */
    public List<ImpressionWindow> windows(String model, Instant from, Instant to, OnlineWindow window) {
        return jdbc.sql("""
                        SELECT i.model_version, i.arm, i.shadow_of IS NOT NULL AS shadow,
                               date_trunc('%s', i.served_at, 'UTC') AS window_start,
                               count(*) AS impressions, count(f.impression_id) AS labelled,
                               count(*) FILTER (WHERE f.clicked) AS clicks, avg(i.score) AS mean_score,
                               percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY i.latency_micros)
                                   AS latency
                        FROM impressions i
                        LEFT JOIN impression_feedback f
                            ON f.impression_id = COALESCE(i.shadow_of, i.id) AND f.served_at = i.served_at
                        WHERE i.model_name = ? AND i.served_at >= ? AND i.served_at < ?
                        GROUP BY i.model_version, i.arm, shadow, window_start
                        ORDER BY window_start, shadow, i.model_version, i.arm NULLS FIRST
                        """.formatted(window.unit()))
                .params(model, Timestamp.from(from), Timestamp.from(to))
                .query(ImpressionRepository::window).list();
    }

    /**
     * Hands over every impression of the model served in [from, to) that has feedback, ordered by version, arm and
     * window, as the rows stream from the database (for the AUC and GAUC of each window); a shadow's score with the
     * feedback of the impression it shadows.
     */
    public void forEachLabelled(String model, Instant from, Instant to, OnlineWindow window,
                                Consumer<LabelledImpression> consumer) {
        jdbc.sql("""
                        SELECT i.model_version, i.arm, date_trunc('%s', i.served_at, 'UTC') AS window_start,
                               i.score, f.clicked, i.group_id, i.shadow_of IS NOT NULL AS shadow
                        FROM impressions i
                        JOIN impression_feedback f
                            ON f.impression_id = COALESCE(i.shadow_of, i.id) AND f.served_at = i.served_at
                        WHERE i.model_name = ? AND i.served_at >= ? AND i.served_at < ?
                        ORDER BY window_start, i.model_version, i.arm NULLS FIRST
                        """.formatted(window.unit()))
                .params(model, Timestamp.from(from), Timestamp.from(to))
                .query((ResultSet row) -> consumer.accept(new LabelledImpression(row.getInt("model_version"),
                        row.getString("arm"), instant(row, "window_start"), row.getFloat("score"),
                        row.getBoolean("clicked"), row.getString("group_id"), row.getBoolean("shadow"))));
    }

    /**
     * Per registered model with impressions served in [from, to), how many it has there (its shadows' included), by
     * name: a model's count grows with every impression logged in the span, so an unchanged count means unchanged
     * rows. One range of {@code impressions_by_model} per model, never a scan of the span's day.
     */
    public Map<String, Long> servedCounts(Instant from, Instant to) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT m.name, served.impressions
                        FROM registered_models m
                        CROSS JOIN LATERAL (SELECT count(*) AS impressions FROM impressions i
                                            WHERE i.model_name = m.name AND i.served_at >= ? AND i.served_at < ?)
                            AS served
                        WHERE served.impressions > 0
                        ORDER BY m.name
                        """)
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((ResultSet row) -> {
                    counts.put(row.getString("name"), row.getLong("impressions"));
                });
        return counts;
    }

    /** The feedback recorded on the impressions served in [from, to), over every model. */
    public FeedbackTally feedbackTally(Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT count(*) AS reports, count(*) FILTER (WHERE clicked) AS clicks,
                               max(received_at) AS last_received
                        FROM impression_feedback WHERE served_at >= ? AND served_at < ?
                        """)
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((row, n) -> new FeedbackTally(row.getLong("reports"), row.getLong("clicks"),
                        instant(row, "last_received")))
                .single();
    }

    /** How many of the model's impressions were served (returned) in [from, to). */
    public long count(String model, Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT count(*) FROM impressions
                        WHERE model_name = ? AND served_at >= ? AND served_at < ? AND shadow_of IS NULL
                        """)
                .params(model, Timestamp.from(from), Timestamp.from(to)).query(Long.class).single();
    }

    /**
     * Hands over the model's impressions served (returned, not a shadow's) in [from, to) with their reported outcome,
     * oldest first, as they stream from the database; a ranked candidate's features with its ranking's context (the
     * candidate's own over the context's, as they were scored).
     */
    public void forEachServed(String model, Instant from, Instant to, Consumer<ServedRow> consumer) {
        jdbc.sql("""
                        SELECT i.model_version, i.served_at, i.score,
                               CASE WHEN c.features IS NULL THEN i.features ELSE c.features || i.features END
                                   AS features,
                               i.unknown_features, f.clicked
                        FROM impressions i
                        LEFT JOIN impression_contexts c ON c.id = i.context_id AND c.served_at = i.served_at
                        LEFT JOIN impression_feedback f ON f.impression_id = i.id AND f.served_at = i.served_at
                        WHERE i.model_name = ? AND i.served_at >= ? AND i.served_at < ? AND i.shadow_of IS NULL
                        ORDER BY i.served_at, i.id
                        """)
                .params(model, Timestamp.from(from), Timestamp.from(to))
                .query((ResultSet row) -> consumer.accept(new ServedRow(row.getInt("model_version"),
                        instant(row, "served_at"), row.getFloat("score"), json(row, "features"),
                        List.of((String[]) row.getArray("unknown_features").getArray()),
                        row.getObject("clicked", Boolean.class))));
    }

    /**
     * Hands over the impressions of one version of the model served in [from, to), with their reported outcome, as
     * they stream from the database (one arm of an online comparison).
     *
     * @param arm    only those chosen by this alias or arm; null for every arm
     * @param shadow the version's shadow scores (labelled by the impressions they shadow) instead of its served ones
     */
    public void forEachOfVersion(String model, int version, String arm, boolean shadow, Instant from, Instant to,
                                 Consumer<ComparedImpression> consumer) {
        jdbc.sql("""
                        SELECT i.score, f.clicked, i.group_id
                        FROM impressions i
                        LEFT JOIN impression_feedback f
                            ON f.impression_id = COALESCE(i.shadow_of, i.id) AND f.served_at = i.served_at
                        WHERE i.model_name = ? AND i.model_version = ? AND i.served_at >= ? AND i.served_at < ?
                          AND (i.shadow_of IS NOT NULL) = ? AND (CAST(? AS VARCHAR) IS NULL OR i.arm = ?)
                        """)
                .params(model, version, Timestamp.from(from), Timestamp.from(to), shadow, arm, arm)
                .query((ResultSet row) -> consumer.accept(new ComparedImpression(row.getFloat("score"),
                        row.getObject("clicked", Boolean.class), row.getString("group_id"))));
    }

    private void insertContexts(List<Impression> rankings) {
        StringBuilder sql = new StringBuilder("INSERT INTO impression_contexts (id, served_at, features) VALUES ");
        List<Object> parameters = new ArrayList<>(rankings.size() * 3);
        for (Impression candidate : rankings) {
            sql.append(parameters.isEmpty() ? "" : ", ").append("(?, ?, ?::jsonb)");
            parameters.add(candidate.context().id());
            parameters.add(Timestamp.from(candidate.servedAt()));
            parameters.add(LoggedJson.of(candidate.context().features()));
        }
        jdbc.sql(sql.append(" ON CONFLICT DO NOTHING").toString()).params(parameters).update();
    }

    /**
     * The impressions through one {@code COPY}: no statement to parse and plan per batch, and no parameters to bind,
     * on either side (a multi-row INSERT of 500 rows binds 6,000). Ids are unique by construction (74 random bits
     * each); a batch holding one already stored fails whole, as any failed write does.
     */
    private void copyRows(List<Impression> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 256);
        for (Impression impression : rows) {
            new CopyTextRow(text).value(impression.id()).value(impression.servedAt()).value(impression.model())
                    .value(impression.version()).value(impression.arm()).value(impression.score())
                    .value(impression.groupId()).value(LoggedJson.of(impression.features()))
                    .array(impression.unknownFeatures()).value(impression.latencyMicros())
                    .value(impression.shadowOf())
                    .value(impression.context() == null ? null : impression.context().id()).end();
        }
        template.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                        COPY impressions (id, served_at, model_name, model_version, arm, score, group_id, features,
                                          unknown_features, latency_micros, shadow_of, context_id) FROM STDIN
                        """, new StringReader(text.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static ImpressionWindow window(ResultSet row, int rowNumber) throws SQLException {
        Double[] latency = (Double[]) row.getArray("latency").getArray();
        return new ImpressionWindow(row.getInt("model_version"), row.getString("arm"), instant(row, "window_start"),
                row.getLong("impressions"), row.getLong("labelled"), row.getLong("clicks"), row.getDouble("mean_score"),
                latency[0], latency[1], latency[2], row.getBoolean("shadow"));
    }
}
