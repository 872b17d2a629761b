package io.dinplatform.registry.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two column types the catalog's repositories share: {@code jsonb} documents, written as text with a
 * {@code ::jsonb} cast in the SQL and read back as trees (the catalog stores them without interpreting them), and
 * {@code timestamptz} instants.
 */
public final class CatalogColumns {

    private static final JsonMapper MAPPER = JsonMapper.shared();

    private CatalogColumns() {
    }

    /** JSON text for a {@code ?::jsonb} parameter; null stays SQL NULL. */
    public static String jsonb(JsonNode document) {
        return document == null ? null : MAPPER.writeValueAsString(document);
    }

    /** The document in a jsonb column, or null for SQL NULL. */
    public static JsonNode json(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        return text == null ? null : MAPPER.readTree(text);
    }

    /** The instant in a timestamptz column, or null for SQL NULL. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** An empty JSON object, for documents that are required but have nothing to say yet. */
    public static JsonNode emptyObject() {
        return MAPPER.createObjectNode();
    }
}
