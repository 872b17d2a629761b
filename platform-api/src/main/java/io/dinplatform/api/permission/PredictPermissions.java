package io.dinplatform.api.permission;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.dinplatform.api.security.Caller;
import io.dinplatform.registry.model.ModelCatalogChange;
import io.dinplatform.registry.model.ModelChangesMissed;
import io.dinplatform.registry.permission.AccessList;
import io.dinplatform.registry.permission.Permission;
import io.dinplatform.registry.permission.PermissionRepository;
import io.dinplatform.registry.permission.ProtectedResource;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;

/**
 * The predict permission of the serving paths (predict, rank, the Open Inference Protocol's REST and gRPC calls),
 * checked against a cached copy of each model's owner and grants so that a busy model costs no catalog query per
 * request.
 *
 * <p>A change of a model's grants or owner is announced as a model change ({@link ModelCatalogChange}), in this
 * process on commit and in every other replica through the catalog's notifications: the model's entry is forgotten
 * and the next request reads the catalog again. An entry is also read again once it is older than
 * {@code din.security.token-cache-ttl}, the bound for a change the notifications missed, as for a token's
 * revocation. While the catalog is unreachable an entry read before stands, so that serving goes on. A model that
 * does not exist passes: the version resolution answers its 404, the same one a model the caller may not read gets.
 */
public class PredictPermissions {

    private static final int MAX_REMEMBERED = 10_000;

    private final PermissionRepository permissions;
    private final AccessPolicy policy;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** A read that raced with a change is not remembered: a change starts a new generation. */
    private final AtomicLong generation = new AtomicLong();

    public PredictPermissions(PermissionRepository permissions, AccessPolicy policy, Duration ttl) {
        this(permissions, policy, ttl, System::nanoTime);
    }

    PredictPermissions(PermissionRepository permissions, AccessPolicy policy, Duration ttl, LongSupplier nanoTime) {
        this.permissions = permissions;
        this.policy = policy;
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * That the caller may score with the model.
     *
     * @throws io.dinplatform.api.error.ResourceNotFoundException when it may not even read the model
     * @throws PermissionDeniedException                         when it may read it but not predict with it
     */
    public void require(Caller caller, String model) {
        if (policy.allowsEverything(caller, Permission.PREDICT)) {
            return;
        }
        Optional<AccessList> access = access(model);
        if (access.isPresent() && !policy.allows(caller, access.get(), Permission.PREDICT)) {
            throw policy.refusal(caller, access.get(), ProtectedResource.MODEL, model, Permission.PREDICT);
        }
    }

    @EventListener
    public void onModelChange(ModelCatalogChange change) {
        generation.incrementAndGet();
        entries.remove(change.model());
    }

    @EventListener
    public void onChangesMissed(ModelChangesMissed gap) {
        generation.incrementAndGet();
        entries.clear();
    }

    private Optional<AccessList> access(String model) {
        Entry entry = entries.get(model);
        long now = nanoTime.getAsLong();
        if (entry != null && now - entry.readAt() < ttlNanos) {
            return entry.access();
        }
        long readIn = generation.get();
        Optional<AccessList> access;
        try {
            access = permissions.find(ProtectedResource.MODEL, model);
        } catch (DataAccessException unreachable) {
            if (entry == null) {
                throw unreachable;
            }
            entries.replace(model, entry, new Entry(entry.access(), now)); // asked again a period later
            return entry.access();
        }
        remember(model, new Entry(access, now), readIn);
        return access;
    }

    private void remember(String model, Entry entry, long readIn) {
        if (entries.size() >= MAX_REMEMBERED) {
            entries.clear(); // names a client made up must not fill the memory
        }
        entries.put(model, entry);
        if (generation.get() != readIn) {
            entries.remove(model, entry);
        }
    }

    private record Entry(Optional<AccessList> access, long readAt) {
    }
}
