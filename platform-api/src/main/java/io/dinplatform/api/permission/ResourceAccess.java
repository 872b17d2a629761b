package io.dinplatform.api.permission;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.dinplatform.api.ResourceNames;
import io.dinplatform.api.security.Caller;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.permission.AccessList;
import io.dinplatform.registry.permission.Grant;
import io.dinplatform.registry.permission.Permission;
import io.dinplatform.registry.permission.PermissionRepository;
import io.dinplatform.registry.permission.ProtectedResource;

/**
 * The permission checks of the API's requests on datasets and models, for the caller of the current request
 * ({@link Caller#current()}): each check answers as {@link AccessPolicy} decides (404 for what the caller may not
 * read, 403 for what it may read but not change) or returns what it found.
 */
public class ResourceAccess {

    private static final Pattern VALID_NAME = Pattern.compile(ResourceNames.NAME_REGEX);

    private final PermissionRepository permissions;
    private final ModelRepository models;
    private final AccessPolicy policy;

    public ResourceAccess(PermissionRepository permissions, ModelRepository models, AccessPolicy policy) {
        this.permissions = permissions;
        this.models = models;
        this.policy = policy;
    }

    /** The resource's owner and grants, when the caller may read it; the 404 of a missing one otherwise. */
    public AccessList requireReadable(ProtectedResource resource, String name) {
        return require(resource, name, Permission.READ);
    }

    /** That the resource exists and the caller may change it. */
    public AccessList requireWritable(ProtectedResource resource, String name) {
        return require(resource, name, Permission.WRITE);
    }

    /** That the resource exists and the caller may do this with it. */
    public AccessList require(ProtectedResource resource, String name, Permission permission) {
        Caller caller = Caller.current();
        AccessList access = find(resource, name)
                .orElseThrow(() -> AccessPolicy.notFound(resource, name));
        if (!policy.allows(caller, access, permission)) {
            throw policy.refusal(caller, access, resource, name, permission);
        }
        return access;
    }

    /**
     * Before a request that creates the resource or adds to it (a dataset's next version, a run of a model): the
     * caller may change it if it exists, and will own it if not.
     *
     * @return whether it exists
     */
    public boolean requireWritableIfExists(ProtectedResource resource, String name) {
        Caller caller = Caller.current();
        Optional<AccessList> access = find(resource, name);
        if (access.isPresent() && !policy.allows(caller, access.get(), Permission.WRITE)) {
            throw policy.refusal(caller, access.get(), resource, name, Permission.WRITE);
        }
        return access.isPresent();
    }

    /**
     * For a job of a model (a training run, a batch prediction, a sweep): that the caller may do this with the model.
     * A job whose model the caller may not read is missing to it ({@code missingJob}, the job's own 404); the model
     * of a job from before permissions may be gone, and counts as a model without an owner.
     */
    public void requireOnModelOf(String model, Permission permission, Supplier<? extends RuntimeException> missingJob) {
        Caller caller = Caller.current();
        if (policy.allowsEverything(caller, permission)) {
            return;
        }
        AccessList access = find(ProtectedResource.MODEL, model).orElse(AccessList.UNOWNED);
        if (!policy.allows(caller, access, permission)) {
            throw policy.allows(caller, access, Permission.READ)
                    ? PermissionDeniedException.lacking(ProtectedResource.MODEL, model, permission) : missingJob.get();
        }
    }

    /**
     * Inside the transaction that adds to a resource or creates it (a dataset's next version): locks it until that
     * transaction ends, creating it owned by the caller if it is new, and otherwise checks, on what it locked, that
     * the caller may change it. {@link #requireWritableIfExists}, before the request's work, refuses early; this
     * makes the check hold when two requests create one new name at once.
     */
    public void lockForAddition(ProtectedResource resource, String name) {
        Caller caller = Caller.current();
        Optional<AccessList> existing = permissions.lockOrCreate(resource, name, newOwner());
        if (existing.isPresent() && !policy.allows(caller, existing.get(), Permission.WRITE)) {
            throw policy.refusal(caller, existing.get(), resource, name, Permission.WRITE);
        }
    }

    /**
     * Registers the model name owned by the caller unless it exists: the first run (or sweep) of a model creates it,
     * so that its runs and versions belong to whoever queued it from the start. If it exists, the caller must be
     * allowed to change it, checked again here: another request may have created the name since the caller's
     * {@link #requireWritableIfExists} found it free.
     */
    public void createModelIfAbsent(String name) {
        if (!models.createIfAbsent(name, newOwner())) {
            requireWritable(ProtectedResource.MODEL, name);
        }
    }

    /** Who owns what the caller creates: the caller, or no one for a caller that cannot own (anonymous). */
    public String newOwner() {
        Caller caller = Caller.current();
        return caller.canOwn() ? caller.principal() : null;
    }

    /** The names of the resources the caller may read; empty when it may read every one. */
    public Optional<Set<String>> readableNames(ProtectedResource resource) {
        Caller caller = Caller.current();
        if (policy.allowsEverything(caller, Permission.READ)) {
            return Optional.empty();
        }
        return Optional.of(permissions.readableNames(resource, caller.principals()));
    }

    /** Replaces the resource's grants, when the caller is its owner or an admin. */
    public AccessList replaceGrants(ProtectedResource resource, String name, Set<Grant> grants) {
        Caller caller = Caller.current();
        AccessList access = requireReadable(resource, name);
        if (!policy.mayGrant(caller, access)) {
            throw PermissionDeniedException.notOwner(resource, name);
        }
        return permissions.replaceGrants(resource, name, grants)
                .orElseThrow(() -> AccessPolicy.notFound(resource, name));
    }

    /** A name that no resource can have is not looked up: whatever a client sends, it is a plain 404 or a new name. */
    private Optional<AccessList> find(ProtectedResource resource, String name) {
        return name != null && VALID_NAME.matcher(name).matches() ? permissions.find(resource, name)
                : Optional.empty();
    }
}
