package io.dinplatform.registry.permission;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.dinplatform.registry.model.ModelCatalogChange;
import io.dinplatform.registry.model.ModelChangeAnnouncer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owners and grants of datasets and models. A change to a model's owner or grants is announced as a model change
 * ({@link ModelCatalogChange.Kind#PERMISSIONS_CHANGED}), so that every replica's cached predict permissions are
 * forgotten once it commits.
 */
public class PermissionRepository {

    private final JdbcClient jdbc;
    private final ModelChangeAnnouncer changes;

    public PermissionRepository(JdbcClient jdbc, ModelChangeAnnouncer changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    /** The owner and grants of the named resource; empty when it does not exist. */
    public Optional<AccessList> find(ProtectedResource resource, String name) {
        Optional<Row> row = jdbc.sql("SELECT id, owner FROM " + resource.table() + " WHERE name = ?").param(name)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("owner"))).optional();
        return row.map(found -> new AccessList(found.owner(), grants(resource, found.id())));
    }

    /**
     * Locks the named resource's row until the caller's transaction ends, creating it, owned by {@code owner} (null:
     * by no one), if it does not exist yet. What it answers then holds until the transaction commits: a request that
     * adds to the resource (a dataset's next version) checks its permission on that, in the transaction that adds,
     * so that two requests creating one new name at once are ordered, the second adding to the first's resource
     * only with the permissions the first's owner gives it, and a new resource is never seen without its owner.
     *
     * @return the owner and grants of the resource as it was, or empty when this call created it
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<AccessList> lockOrCreate(ProtectedResource resource, String name, String owner) {
        Optional<Long> created = jdbc.sql("INSERT INTO " + resource.table() + " (name, owner) VALUES (?, ?)"
                        + " ON CONFLICT (name) DO NOTHING RETURNING id")
                .params(name, owner).query(Long.class).optional();
        if (created.isPresent()) {
            return Optional.empty();
        }
        Row row = jdbc.sql("SELECT id, owner FROM " + resource.table() + " WHERE name = ? FOR UPDATE").param(name)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("owner"))).single();
        return Optional.of(new AccessList(row.owner(), grants(resource, row.id())));
    }

    /**
     * The names of the resources a caller known by these principals may read: those without an owner, those it owns
     * and those granted to it (every permission includes reading).
     */
    public Set<String> readableNames(ProtectedResource resource, Collection<String> principals) {
        String[] known = principals.toArray(String[]::new);
        return Set.copyOf(jdbc.sql("SELECT name FROM " + resource.table() + " r WHERE r.owner IS NULL"
                        + " OR r.owner = ANY (?::varchar[]) OR EXISTS (SELECT 1 FROM " + resource.grantTable()
                        + " g WHERE g." + resource.grantKey() + " = r.id AND g.grantee = ANY (?::varchar[]))")
                .params(known, known).query(String.class).list());
    }

    /**
     * Replaces every grant of the named resource.
     *
     * @return the resource's owner and new grants; empty (and nothing changed) when it does not exist
     */
    @Transactional
    public Optional<AccessList> replaceGrants(ProtectedResource resource, String name, Set<Grant> grants) {
        Optional<Row> row = jdbc.sql("SELECT id, owner FROM " + resource.table() + " WHERE name = ? FOR UPDATE")
                .param(name).query((rs, n) -> new Row(rs.getLong("id"), rs.getString("owner"))).optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        long id = row.get().id();
        jdbc.sql("DELETE FROM " + resource.grantTable() + " WHERE " + resource.grantKey() + " = ?").param(id).update();
        for (Grant grant : grants) {
            jdbc.sql("INSERT INTO " + resource.grantTable() + " (" + resource.grantKey()
                            + ", grantee, permission) VALUES (?, ?, ?)")
                    .params(id, grant.grantee(), grant.permission().label()).update();
        }
        announce(resource, name);
        return Optional.of(new AccessList(row.get().owner(), grants(resource, id)));
    }

    private List<Grant> grants(ProtectedResource resource, long id) {
        return jdbc.sql("SELECT grantee, permission FROM " + resource.grantTable() + " WHERE " + resource.grantKey()
                        + " = ?")
                .param(id)
                .query((rs, n) -> new Grant(rs.getString("grantee"),
                        Permission.parse(rs.getString("permission")).orElseThrow()))
                .list();
    }

    private void announce(ProtectedResource resource, String name) {
        if (resource == ProtectedResource.MODEL) {
            changes.announce(new ModelCatalogChange(name, ModelCatalogChange.Kind.PERMISSIONS_CHANGED));
        }
    }

    private record Row(long id, String owner) {
    }
}
