package io.dinplatform.registry.reference;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** A storage whose objects a dataset version may reference (the object store, or the allowed local directory). */
public interface ObjectStorage {

    /**
     * The objects a location names: the one object, or every object under a prefix or directory in name order,
     * leaving out names that begin with {@code _} or {@code .} (a job's {@code _SUCCESS} marker, checksum files).
     *
     * @throws InvalidDataReferenceException when the location is not allowed, or names nothing
     */
    List<FoundObject> list(DataLocation location) throws IOException;

    /**
     * Opens one object from its first byte.
     *
     * @throws java.nio.file.NoSuchFileException when it is not there (any more)
     */
    OpenedObject open(DataLocation location) throws IOException;

    /** An object and its length when it was listed. */
    record FoundObject(DataLocation location, long sizeBytes) {
    }

    /** An open object and its length now. */
    record OpenedObject(InputStream content, long sizeBytes) {
    }

    /** Whether a name within a listing is left out (Hadoop's rule for hidden files). */
    static boolean hidden(String name) {
        return name.startsWith("_") || name.startsWith(".");
    }
}
