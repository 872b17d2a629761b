package io.dinplatform.worker.steps;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.registry.dataset.DatasetVersion;

/**
 * A run's dataset, ready to train on.
 *
 * @param version the catalog's record of the dataset version (name, number, SHA-256)
 * @param encoded the samples encoded with vocabularies built on its training split
 */
public record PreparedDataset(DatasetVersion version, EncodedDataset encoded) {
}
