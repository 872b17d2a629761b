package io.dinplatform.registry.permission;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Who may do what with one dataset or model: its owner and its grants.
 *
 * <p>A resource registered before permissions existed has no owner: everyone may read it (and predict with it, for
 * a model), so that what was served goes on being served; only an admin, or a grantee of {@code write}, may change
 * it.
 *
 * @param owner  the principal that created it ({@code token:<id>} or {@code subject:<name>}), or null
 * @param grants its grants, by grantee then permission
 */
public record AccessList(String owner, List<Grant> grants) {

    private static final Comparator<Grant> ORDER =
            Comparator.comparing(Grant::grantee).thenComparing(Grant::permission);

    /** A resource without an owner or grants: one that predates permissions (after ORDER, which it is built with). */
    public static final AccessList UNOWNED = new AccessList(null, List.of());

    public AccessList {
        grants = grants.stream().sorted(ORDER).toList();
    }

    /** Whether the resource predates permissions (it has no owner). */
    public boolean unowned() {
        return owner == null;
    }

    /**
     * Whether a caller known by these principals (its own and its groups') has the permission, not counting the
     * admin's, which the caller decides.
     */
    public boolean allows(Collection<String> principals, Permission permission) {
        if (owner == null ? permission != Permission.WRITE : principals.contains(owner)) {
            return true;
        }
        return grants.stream().anyMatch(grant -> grant.permission().includes(permission)
                && principals.contains(grant.grantee()));
    }

    /** Whether these principals own the resource. */
    public boolean ownedBy(Collection<String> principals) {
        return owner != null && principals.contains(owner);
    }
}
