package io.dinplatform.api.dataset;

import java.util.OptionalInt;

import io.dinplatform.api.VersionSelector;
import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.api.permission.ResourceAccess;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.permission.ProtectedResource;
import org.springframework.stereotype.Component;

/**
 * Finds the dataset version a URL names ({@code 3} or {@code latest}), or answers 404 saying what is missing; a
 * dataset the caller may not read is missing to it.
 */
@Component
public class DatasetVersions {

    private final DatasetRepository datasets;
    private final ResourceAccess access;

    public DatasetVersions(DatasetRepository datasets, ResourceAccess access) {
        this.datasets = datasets;
        this.access = access;
    }

    /** The version, a 400 for a malformed version, or a 404 naming the missing dataset or version. */
    public DatasetVersion require(String name, String version) {
        OptionalInt number = VersionSelector.parse(version);
        access.requireReadable(ProtectedResource.DATASET, name);
        return (number.isPresent() ? datasets.findVersion(name, number.getAsInt()) : datasets.findLatestVersion(name))
                .orElseThrow(() -> new ResourceNotFoundException(datasets.findLatestVersion(name).isPresent()
                        ? "dataset '" + name + "' has no version " + version
                        : "dataset '" + name + "' does not exist"));
    }
}
