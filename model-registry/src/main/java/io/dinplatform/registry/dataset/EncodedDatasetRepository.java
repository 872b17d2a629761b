package io.dinplatform.registry.dataset;

import java.util.Optional;

import static io.dinplatform.registry.database.CatalogColumns.instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which datasets are encoded into shards already, by encoding key: the catalog that lets a run reuse the shards an
 * earlier run (on any worker) wrote.
 */
public class EncodedDatasetRepository {

    private final JdbcClient jdbc;

    public EncodedDatasetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<EncodedDatasetRecord> find(String encodingKey) {
        return jdbc.sql("""
                        SELECT encoding_key, data_sha256, manifest_sha256, rows, shards, encode_millis, created_at
                        FROM encoded_datasets WHERE encoding_key = ?
                        """)
                .param(encodingKey)
                .query((row, n) -> new EncodedDatasetRecord(row.getString("encoding_key"), row.getString("data_sha256"),
                        row.getString("manifest_sha256"), row.getLong("rows"), row.getInt("shards"),
                        row.getLong("encode_millis"), instant(row, "created_at")))
                .optional();
    }

    /**
     * Records an encoding unless one with the key exists (two workers that encoded the same data at once wrote the
     * same shards: the first record stands). Returns the record that stands.
     */
    public EncodedDatasetRecord record(String encodingKey, String dataSha256, String manifestSha256, long rows,
                                       int shards, long encodeMillis) {
        jdbc.sql("""
                        INSERT INTO encoded_datasets (encoding_key, data_sha256, manifest_sha256, rows, shards,
                                                      encode_millis)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (encoding_key) DO NOTHING
                        """)
                .params(encodingKey, dataSha256, manifestSha256, rows, shards, encodeMillis)
                .update();
        return find(encodingKey).orElseThrow();
    }

    /** Forgets an encoding whose shards turned out missing or corrupt, so that the next attempt encodes again. */
    public boolean forget(String encodingKey, String manifestSha256) {
        return jdbc.sql("DELETE FROM encoded_datasets WHERE encoding_key = ? AND manifest_sha256 = ?")
                .params(encodingKey, manifestSha256).update() > 0;
    }
}
