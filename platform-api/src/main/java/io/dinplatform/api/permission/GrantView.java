package io.dinplatform.api.permission;

import io.dinplatform.registry.permission.Grant;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * One grant as the API shows and takes it.
 *
 * @param grantee    {@code token:<id>}, {@code subject:<name>} or {@code group:<name>}
 * @param permission {@code read}, {@code write} or {@code predict}
 */
@Schema(example = "{\"grantee\": \"token:3f9a1c2b7d4e\", \"permission\": \"predict\"}")
public record GrantView(
        @Schema(description = "token:<id>, subject:<name> or group:<name>")
        @NotNull @Size(max = Grant.MAX_PRINCIPAL_LENGTH) String grantee,
        @Schema(description = "read, write (includes predict and read) or predict (includes read)",
                allowableValues = {"read", "write", "predict"})
        @NotNull String permission) {

    static GrantView of(Grant grant) {
        return new GrantView(grant.grantee(), grant.permission().label());
    }
}
