package io.dinplatform.registry.dataset;

/** A reference to one dataset version, as lineage and run records carry it. */
public record DatasetVersionRef(long id, String name, int version) {
}
