package io.dinplatform.registry.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.dinplatform.registry.database.CatalogColumns.instant;

/**
 * The directory of live training workers ({@code training_workers}): each worker advertises itself and renews the
 * advertisement every heartbeat, so that the queue, and anyone watching, knows which workers and which devices are
 * there right now. An advertisement that is not renewed expires: a worker killed with SIGKILL disappears by itself.
 * Time is the database's {@code now()}, as for leases.
 */
public class TrainingWorkers {

    private final JdbcClient jdbc;

    public TrainingWorkers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Advertises the worker, or renews its advertisement, for {@code ttl} from now. */
    public void advertise(WorkerAdvertisement advertisement, Duration ttl) {
        jdbc.sql("""
                        INSERT INTO training_workers (id, device, gpus, expires_at)
                        VALUES (:id, :device, :gpus, now() + make_interval(secs => :seconds))
                        ON CONFLICT (id) DO UPDATE
                        SET device = EXCLUDED.device, gpus = EXCLUDED.gpus, seen_at = now(),
                            expires_at = EXCLUDED.expires_at,
                            started_at = CASE WHEN training_workers.expires_at < now() THEN now()
                                              ELSE training_workers.started_at END
                        """)
                .param("id", advertisement.workerId())
                .param("device", advertisement.device())
                .param("gpus", advertisement.gpus())
                .param("seconds", ttl.toMillis() / 1000.0)
                .update();
    }

    /** Removes the worker's advertisement: it is stopping and takes no more runs. */
    public void withdraw(String workerId) {
        jdbc.sql("DELETE FROM training_workers WHERE id = ?").param(workerId).update();
    }

    /** The workers whose advertisement has not expired, by id. */
    public List<LiveWorker> live() {
        return jdbc.sql("SELECT * FROM training_workers WHERE expires_at > now() ORDER BY id")
                .query(TrainingWorkers::liveWorker)
                .list();
    }

    private static LiveWorker liveWorker(ResultSet row, int rowNumber) throws SQLException {
        return new LiveWorker(new WorkerAdvertisement(row.getString("id"), row.getString("device"),
                row.getInt("gpus")), instant(row, "started_at"), instant(row, "seen_at"), instant(row, "expires_at"));
    }
}
