package io.dinplatform.registry.model;

import java.util.Optional;
import java.util.UUID;

/**
 * The PostgreSQL notification channel that carries {@link ModelCatalogChange}s between platform processes, and the
 * text of its payloads: {@code <origin> <kind> <model>}. The origin names the process that made the change, so that
 * a process does not hear its own changes twice (it published them in-process already).
 */
public final class ModelChangeChannel {

    /** The channel's name; fixed, since every process of one platform must agree on it. */
    public static final String NAME = "din_model_changes";

    private final String origin;

    private ModelChangeChannel(String origin) {
        this.origin = origin;
    }

    /** The channel as one process sees it: its changes carry an origin of their own. */
    public static ModelChangeChannel forThisProcess() {
        return new ModelChangeChannel(UUID.randomUUID().toString());
    }

    /** The payload announcing a change made by this process. */
    String payload(ModelCatalogChange change) {
        return origin + " " + change.kind() + " " + change.model();
    }

    /**
     * The change a payload announces, when another process made it; empty for this process's own changes and for a
     * payload this version of the platform does not understand (it is not one of ours, or from a newer release).
     */
    Optional<ModelCatalogChange> remoteChange(String payload) {
        String[] parts = payload.split(" ", 3);
        if (parts.length < 3 || parts[0].equals(origin)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ModelCatalogChange(parts[2], ModelCatalogChange.Kind.valueOf(parts[1])));
        } catch (IllegalArgumentException unknownKind) {
            return Optional.empty();
        }
    }
}
