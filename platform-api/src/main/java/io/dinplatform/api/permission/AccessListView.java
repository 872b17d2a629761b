package io.dinplatform.api.permission;

import java.util.List;

import io.dinplatform.registry.permission.AccessList;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Who may use a dataset or a model.
 *
 * @param owner  the principal that created it; null for a resource older than permissions (every caller may read
 *               it, only an admin change it)
 * @param grants its grants, by grantee
 */
public record AccessListView(
        @Schema(description = "token:<id> or subject:<name>; null for a resource registered before permissions "
                + "existed", nullable = true) String owner,
        List<GrantView> grants) {

    static AccessListView of(AccessList access) {
        return new AccessListView(access.owner(), access.grants().stream().map(GrantView::of).toList());
    }
}
