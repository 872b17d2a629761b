package io.dinplatform.registry.model;

import java.util.Objects;

/**
 * A committed change to which version a model's selectors resolve to, or to who may use the model: published in-process by the code that made it
 * (after its transaction commits), and in the other platform processes by the {@link ModelChangeRelay}.
 *
 * @param model the model's name
 * @param kind  what changed
 */
public record ModelCatalogChange(String model, Kind kind) {

    public ModelCatalogChange {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(kind, "kind");
    }

    /** What changed. */
    public enum Kind {
        /** A name was registered, with no version yet. */
        MODEL_CREATED,
        /** A new version was registered: the newest version, and so the default of a model without aliases, moved. */
        VERSION_REGISTERED,
        /** An alias was created or now points at another version. */
        ALIAS_MOVED,
        /** An alias was removed. */
        ALIAS_REMOVED,
        /** The model's owner or grants changed: who may use it, not what it resolves to. */
        PERMISSIONS_CHANGED
    }
}
