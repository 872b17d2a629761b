package io.dinplatform.registry.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.dinplatform.registry.database.CatalogColumns.instant;

/** The {@code audit_log} table: entries appended, read newest first through filters, deleted once expired. */
public class AuditRepository {

    private final JdbcClient jdbc;

    public AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(NewAuditEntry entry) {
        jdbc.sql("""
                        INSERT INTO audit_log (principal, action, resource_type, resource, detail, outcome, status)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(entry.principal(), entry.action(), entry.resourceType(), entry.resource(), entry.detail(),
                        entry.outcome().name(), entry.status())
                .update();
    }

    /** The entries that pass every filter of the query, newest first. */
    public List<AuditEntry> find(AuditQuery query) {
        return jdbc.sql("""
                        SELECT * FROM audit_log
                        WHERE (CAST(:principal AS VARCHAR) IS NULL OR principal = :principal)
                          AND (CAST(:resourceType AS VARCHAR) IS NULL OR resource_type = :resourceType)
                          AND (CAST(:resource AS VARCHAR) IS NULL OR resource = :resource)
                          AND (CAST(:from AS TIMESTAMPTZ) IS NULL OR recorded_at >= :from)
                          AND (CAST(:to AS TIMESTAMPTZ) IS NULL OR recorded_at < :to)
                          AND (CAST(:before AS BIGINT) IS NULL OR id < :before)
                        ORDER BY id DESC
                        LIMIT :limit
                        """)
                .param("principal", query.principal())
                .param("resourceType", query.resourceType())
                .param("resource", query.resource())
                .param("from", timestamp(query.from()))
                .param("to", timestamp(query.to()))
                .param("before", query.before())
                .param("limit", query.limit())
                .query(AuditRepository::entry).list();
    }

    /** Deletes the entries recorded before the instant; returns how many. */
    public int deleteRecordedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM audit_log WHERE recorded_at < ?").param(Timestamp.from(cutoff)).update();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static AuditEntry entry(ResultSet row, int rowNumber) throws SQLException {
        return new AuditEntry(row.getLong("id"), instant(row, "recorded_at"), row.getString("principal"),
                row.getString("action"), row.getString("resource_type"), row.getString("resource"),
                row.getString("detail"), AuditOutcome.valueOf(row.getString("outcome")),
                row.getObject("status", Integer.class));
    }
}
