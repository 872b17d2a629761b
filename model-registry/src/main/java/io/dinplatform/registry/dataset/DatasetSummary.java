package io.dinplatform.registry.dataset;

import java.time.Instant;

/**
 * A dataset as listed: its name and its newest version.
 *
 * @param name          the dataset's name
 * @param latestVersion the highest version number
 * @param versions      how many versions it has
 * @param latest        the newest version itself
 * @param createdAt     when its first version was registered
 */
public record DatasetSummary(String name, int latestVersion, int versions, DatasetVersion latest, Instant createdAt) {
}
