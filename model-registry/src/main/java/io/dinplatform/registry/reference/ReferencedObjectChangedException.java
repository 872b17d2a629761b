package io.dinplatform.registry.reference;

import java.io.IOException;

import io.dinplatform.registry.dataset.DatasetObject;

/**
 * An object of a dataset version registered by reference is no longer what was registered: its content changed, or
 * it is gone. The version's objects are immutable, so whatever reads it (a run, a batch prediction) must stop.
 */
public class ReferencedObjectChangedException extends IOException {

    private final String location;

    private ReferencedObjectChangedException(String location, String message) {
        super(message);
        this.location = location;
    }

    static ReferencedObjectChangedException changed(DatasetObject registered, long sizeBytes, String sha256) {
        String now = sha256 == null ? sizeBytes + " bytes" : sizeBytes + " bytes with SHA-256 " + sha256;
        return new ReferencedObjectChangedException(registered.location(), "the object " + registered.location()
                + " changed after its dataset version was registered: it now has " + now + ", but was registered"
                + " with " + registered.sizeBytes() + " bytes with SHA-256 " + registered.sha256()
                + "; a registered object must not change (register new content as a new version)");
    }

    static ReferencedObjectChangedException gone(DatasetObject registered) {
        return new ReferencedObjectChangedException(registered.location(), "the object " + registered.location()
                + " of the dataset version is gone; a registered object must not be removed or changed");
    }

    /** The object, as the catalog records it. */
    public String location() {
        return location;
    }
}
