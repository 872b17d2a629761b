package io.dinplatform.registry.reference;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dinplatform.registry.dataset.DatasetObject;

/**
 * The data of dataset versions registered by reference: resolves what a client names into objects when a version
 * is registered, and opens them for readers afterwards, checked against what was registered.
 *
 * <p>{@code s3://} references need the artifact store in object storage ({@code din.artifacts.type=s3});
 * {@code local:} references need {@code din.datasets.references.local-directory}. Without them, such references are
 * refused.
 */
public class DatasetReferences {

    private final Map<DataLocation.Scheme, ObjectStorage> storages = new EnumMap<>(DataLocation.Scheme.class);
    private final int maxObjects;

    /**
     * @param s3         the object storage, or null when the artifact store is a directory
     * @param local      the allowed local directory, or null when local references are refused
     * @param maxObjects the most objects one version may reference
     */
    public DatasetReferences(ObjectStorage s3, ObjectStorage local, int maxObjects) {
        if (s3 != null) {
            storages.put(DataLocation.Scheme.S3, s3);
        }
        if (local != null) {
            storages.put(DataLocation.Scheme.LOCAL, local);
        }
        this.maxObjects = maxObjects;
    }

    /**
     * The objects the references name, in order: each reference's objects in name order.
     *
     * @throws InvalidDataReferenceException for the first reference that is malformed, not allowed or names
     *                                       nothing, and when an object is named twice or there are too many
     */
    public List<ObjectStorage.FoundObject> resolve(List<String> references) throws IOException {
        if (references.isEmpty()) {
            throw new InvalidDataReferenceException("", "is missing: name at least one object or prefix");
        }
        List<ObjectStorage.FoundObject> objects = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String reference : references) {
            DataLocation location = DataLocation.parse(reference);
            for (ObjectStorage.FoundObject object : storage(location, reference).list(location)) {
                if (!seen.add(object.location().toString())) {
                    throw new InvalidDataReferenceException(reference, "names " + object.location()
                            + " again: each object may be referenced once");
                }
                objects.add(object);
            }
            if (objects.size() > maxObjects) {
                throw new InvalidDataReferenceException(reference, "brings the objects to more than " + maxObjects
                        + " (setting din.datasets.references.max-objects)");
            }
        }
        return objects;
    }

    /** Opens an object to measure it (its SHA-256 and size) while it is read for the first time. */
    public MeasuredObjectStream openToMeasure(ObjectStorage.FoundObject object) throws IOException {
        String location = object.location().toString();
        try {
            return MeasuredObjectStream.measuring(storage(object.location(), location).open(object.location())
                    .content(), location);
        } catch (NoSuchFileException e) {
            throw new InvalidDataReferenceException(location, "disappeared before it could be read");
        }
    }

    /**
     * Opens a registered object; it fails at once when its size changed or it is gone, and at its end when its
     * content changed ({@link ReferencedObjectChangedException}, naming the object).
     */
    public MeasuredObjectStream openVerified(DatasetObject registered) throws IOException {
        DataLocation location = DataLocation.parse(registered.location());
        ObjectStorage.OpenedObject opened;
        try {
            opened = storage(location, registered.location()).open(location);
        } catch (NoSuchFileException e) {
            throw ReferencedObjectChangedException.gone(registered);
        } catch (InvalidDataReferenceException e) {
            throw new IOException("the object " + registered.location() + " cannot be read here: " + e.reason(), e);
        }
        if (opened.sizeBytes() != registered.sizeBytes()) {
            opened.content().close();
            throw ReferencedObjectChangedException.changed(registered, opened.sizeBytes(), null);
        }
        return MeasuredObjectStream.verifying(opened.content(), registered);
    }

    private ObjectStorage storage(DataLocation location, String reference) {
        ObjectStorage storage = storages.get(location.scheme());
        if (storage == null) {
            throw new InvalidDataReferenceException(reference, location.scheme() == DataLocation.Scheme.S3
                    ? "needs the artifact store in object storage (din.artifacts.type=s3)"
                    : "names a local path, but none is allowed (setting din.datasets.references.local-directory)");
        }
        return storage;
    }
}
