package io.dinplatform.api.permission;

import io.dinplatform.api.error.ProblemTypes;
import io.dinplatform.registry.permission.Permission;
import io.dinplatform.registry.permission.ProtectedResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * 403: the caller may see the dataset or model but not do this with it (its token's scopes would allow it; no grant
 * does). The problem names the permission it lacks, as a missing scope's names the scope.
 */
public class PermissionDeniedException extends ErrorResponseException {

    PermissionDeniedException(ProtectedResource resource, String name, String needed) {
        super(HttpStatus.FORBIDDEN, problem(resource, name, needed), null);
    }

    static PermissionDeniedException lacking(ProtectedResource resource, String name, Permission permission) {
        return new PermissionDeniedException(resource, name, permission.label());
    }

    /** Only the owner and an admin change who may use a resource. */
    static PermissionDeniedException notOwner(ProtectedResource resource, String name) {
        return new PermissionDeniedException(resource, name, "owner");
    }

    private static ProblemDetail problem(ProtectedResource resource, String name, String needed) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "This needs the '" + needed
                + "' permission on " + resource.noun() + " '" + name + "', which the caller does not have: its owner "
                + "or an admin can grant it.");
        problem.setTitle("Forbidden");
        problem.setType(ProblemTypes.FORBIDDEN);
        problem.setProperty("requiredPermission", needed);
        return problem;
    }
}
