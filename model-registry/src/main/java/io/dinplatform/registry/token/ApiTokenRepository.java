package io.dinplatform.registry.token;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.dinplatform.registry.database.CatalogColumns.instant;

/** The {@code api_tokens} table: tokens by their public id, with the hash of their text. */
public class ApiTokenRepository {

    private static final String COLUMNS = "SELECT id, name, token_sha256, scopes, created_at, last_used_at, revoked_at "
            + "FROM api_tokens";

    /** Any constant works: it only has to be the same for every process that bootstraps tokens. */
    private static final long BOOTSTRAP_LOCK = 0x64696e746f6b656eL;

    private final JdbcClient jdbc;

    public ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A token with the hash of its text: what authentication compares against. */
    record StoredToken(ApiToken token, String sha256) {
    }

    StoredToken insert(String id, String name, String sha256, Set<TokenScope> scopes) {
        String[] labels = scopes.stream().sorted().map(TokenScope::label).toArray(String[]::new);
        jdbc.sql("INSERT INTO api_tokens (id, name, token_sha256, scopes) VALUES (?, ?, ?, ?)")
                .params(id, name, sha256, labels).update();
        return findStored(id).orElseThrow();
    }

    Optional<StoredToken> findStored(String id) {
        return jdbc.sql(COLUMNS + " WHERE id = ?").param(id).query((row, n) -> stored(row)).optional();
    }

    public Optional<ApiToken> find(String id) {
        return findStored(id).map(StoredToken::token);
    }

    /** Every token, revoked ones included, the newest first. */
    public List<ApiToken> findAll() {
        return jdbc.sql(COLUMNS + " ORDER BY created_at DESC, id").query((row, n) -> stored(row).token()).list();
    }

    /** Revokes a valid token; false when there is no such token or it was already revoked. */
    public boolean revoke(String id) {
        return jdbc.sql("UPDATE api_tokens SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL")
                .param(id).update() == 1;
    }

    /** Records a use, at most once a minute per token: authentication must not turn every request into a write. */
    void touch(String id) {
        jdbc.sql("""
                UPDATE api_tokens SET last_used_at = now()
                WHERE id = ? AND (last_used_at IS NULL OR last_used_at < now() - INTERVAL '1 minute')
                """).param(id).update();
    }

    boolean hasActiveAdmin() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM api_tokens WHERE revoked_at IS NULL AND 'admin' = ANY (scopes))")
                .query(Boolean.class).single();
    }

    /**
     * Serialises the first-start check across processes (two replicas starting together must not both create an
     * admin token); held until the surrounding transaction ends.
     */
    void lockBootstrap() {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(BOOTSTRAP_LOCK).query((row, n) -> 1).single();
    }

    private static StoredToken stored(ResultSet row) throws SQLException {
        ApiToken token = new ApiToken(row.getString("id"), row.getString("name"), scopes(row.getArray("scopes")),
                instant(row, "created_at"), instant(row, "last_used_at"), instant(row, "revoked_at"));
        return new StoredToken(token, row.getString("token_sha256"));
    }

    private static Set<TokenScope> scopes(Array array) throws SQLException {
        Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
        Arrays.stream((String[]) array.getArray()).map(label -> TokenScope.parse(label).orElseThrow())
                .forEach(scopes::add);
        return scopes;
    }
}
