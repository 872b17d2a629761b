package io.dinplatform.api.dataset;

import java.time.Instant;

import io.dinplatform.registry.dataset.DatasetSummary;

/**
 * A dataset in the list: its newest version and how many there are.
 *
 * @param name          the dataset
 * @param latestVersion its newest version number
 * @param versions      how many versions it has
 * @param createdAt     when its first version was registered
 * @param latest        the newest version
 */
public record DatasetView(String name, int latestVersion, int versions, Instant createdAt, DatasetVersionView latest) {

    static DatasetView of(DatasetSummary s) {
        return new DatasetView(s.name(), s.latestVersion(), s.versions(), s.createdAt(),
                DatasetVersionView.of(s.latest()));
    }
}
