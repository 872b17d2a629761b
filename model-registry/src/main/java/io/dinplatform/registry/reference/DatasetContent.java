package io.dinplatform.registry.reference;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;

/**
 * The samples files of a dataset version for its readers (the dashboard's user views, batch predictions): the stored
 * artifact, or the referenced objects in order, each checked as it is read.
 */
public class DatasetContent {

    private final ArtifactStore artifacts;
    private final DatasetRepository datasets;
    private final DatasetReferences references;

    public DatasetContent(ArtifactStore artifacts, DatasetRepository datasets, DatasetReferences references) {
        this.artifacts = artifacts;
        this.datasets = datasets;
        this.references = references;
    }

    /** The version's files in reading order, each opened afresh by its part. */
    public List<Part> partsOf(DatasetVersion version) {
        if (!version.referenced()) {
            return List.of(new Part("artifact " + version.sha256(), () -> artifacts.openVerified(version.sha256())));
        }
        return datasets.findObjects(version.id()).stream()
                .map(object -> new Part(object.location(), () -> references.openVerified(object)))
                .toList();
    }

    /**
     * One samples file of a version.
     *
     * @param name   the object's location, or the artifact's address
     * @param opener opens it from its first byte, checked as it is read
     */
    public record Part(String name, Opener opener) {

        public InputStream open() throws IOException {
            return opener.open();
        }
    }

    /** Opens a part's content afresh. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }
}
