package io.dinplatform.api.permission;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.dinplatform.api.error.FieldError;
import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.registry.permission.Grant;
import io.dinplatform.registry.permission.Permission;
import io.dinplatform.registry.permission.ProtectedResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who may use a dataset or a model: its owner and grants, shown to whoever may read it and replaced by its owner or
 * an admin.
 */
@RestController
@Tag(name = "Permissions", description = "Owners and grants of datasets and models")
public class GrantController {

    private final ResourceAccess access;

    public GrantController(ResourceAccess access) {
        this.access = access;
    }

    @GetMapping("/api/v1/models/{name}/grants")
    @Operation(operationId = "getModelGrants", summary = "A model's owner and grants")
    public AccessListView modelGrants(@PathVariable String name) {
        return AccessListView.of(access.requireReadable(ProtectedResource.MODEL, name));
    }

    @PutMapping("/api/v1/models/{name}/grants")
    @Operation(operationId = "replaceModelGrants",
            summary = "Replace a model's grants (its owner or an admin); a replica's serving sees them at once")
    public AccessListView replaceModelGrants(@PathVariable String name, @Valid @RequestBody GrantsUpdate update) {
        return AccessListView.of(access.replaceGrants(ProtectedResource.MODEL, name, grants(update)));
    }

    @GetMapping("/api/v1/datasets/{name}/grants")
    @Operation(operationId = "getDatasetGrants", summary = "A dataset's owner and grants")
    public AccessListView datasetGrants(@PathVariable String name) {
        return AccessListView.of(access.requireReadable(ProtectedResource.DATASET, name));
    }

    @PutMapping("/api/v1/datasets/{name}/grants")
    @Operation(operationId = "replaceDatasetGrants", summary = "Replace a dataset's grants (its owner or an admin)")
    public AccessListView replaceDatasetGrants(@PathVariable String name, @Valid @RequestBody GrantsUpdate update) {
        return AccessListView.of(access.replaceGrants(ProtectedResource.DATASET, name, grants(update)));
    }

    /** The grants of a request, each one checked; a grant given twice counts once. */
    private static Set<Grant> grants(GrantsUpdate update) {
        Set<Grant> grants = new LinkedHashSet<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < update.grants().size(); i++) {
            GrantView grant = update.grants().get(i);
            Optional<Permission> permission = Permission.parse(grant.permission());
            if (!Grant.isGrantee(grant.grantee())) {
                errors.add(new FieldError("grants[" + i + "].grantee",
                        "must be token:<id>, subject:<name> or group:<name>"));
            } else if (permission.isEmpty()) {
                errors.add(new FieldError("grants[" + i + "].permission", "must be one of read, write, predict"));
            } else {
                grants.add(new Grant(grant.grantee(), permission.get()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors.get(0).field() + ": " + errors.get(0).reason(), errors);
        }
        return grants;
    }
}
