package io.dinplatform.registry.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.dinplatform.registry.database.CatalogColumns.instant;

/**
 * The metric history of training runs: workers append points in batches, readers take a run's series whole (a run
 * stores a bounded number of points per metric, so a whole series is small enough to read at once).
 */
public class RunMetricRepository {

    /** Rows per INSERT statement: six parameters each, far below PostgreSQL's 65,535 parameters a statement. */
    static final int ROWS_PER_STATEMENT = 1000;

    private final JdbcClient jdbc;

    public RunMetricRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the points, one multi-row statement per thousand; a point at a step already stored for that metric
     * (a resumed attempt repeating steps after its checkpoint) replaces it.
     */
    public void append(UUID runId, List<MetricPoint> points) {
        for (int from = 0; from < points.size(); from += ROWS_PER_STATEMENT) {
            insert(runId, points.subList(from, Math.min(points.size(), from + ROWS_PER_STATEMENT)));
        }
    }

    /** The run's points of the named metrics (all of them when {@code names} is empty), by name, then step. */
    public List<MetricPoint> history(UUID runId, Collection<String> names) {
        return jdbc.sql("""
                        SELECT name, step, epoch, value, recorded_at FROM run_metrics
                        WHERE run_id = ? AND (cardinality(?::varchar[]) = 0 OR name = ANY (?::varchar[]))
                        ORDER BY name, step
                        """)
                .params(runId, names.toArray(String[]::new), names.toArray(String[]::new))
                .query(RunMetricRepository::point).list();
    }

    private void insert(UUID runId, List<MetricPoint> rows) {
        StringBuilder sql = new StringBuilder(
                "INSERT INTO run_metrics (run_id, name, step, epoch, value, recorded_at) VALUES ");
        List<Object> parameters = new ArrayList<>(rows.size() * 6);
        for (MetricPoint point : rows) {
            sql.append(parameters.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
            parameters.addAll(List.of(runId, point.name(), point.step()));
            parameters.add(point.epoch());
            parameters.addAll(List.of(point.value(), Timestamp.from(point.recordedAt())));
        }
        sql.append("""
                 ON CONFLICT (run_id, name, step)
                DO UPDATE SET epoch = EXCLUDED.epoch, value = EXCLUDED.value, recorded_at = EXCLUDED.recorded_at
                """);
        jdbc.sql(sql.toString()).params(parameters).update();
    }

    private static MetricPoint point(ResultSet row, int rowNumber) throws SQLException {
        return new MetricPoint(row.getString("name"), row.getLong("step"), row.getObject("epoch", Integer.class),
                row.getDouble("value"), instant(row, "recorded_at"));
    }
}
