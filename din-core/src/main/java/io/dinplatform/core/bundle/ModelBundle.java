package io.dinplatform.core.bundle;

import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.embedding.EmbeddingTables;
import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.model.CtrModel;
import io.dinplatform.core.schema.FeatureSchema;

/**
 * A trained model loaded from its bundle, ready to score: the schema and vocabularies that encode raw instances, the
 * embedding tables, the network with its parameters, and what the bundle records about its training.
 *
 * <p>It owns the native memory of its tables and parameters; close it when the last user is done.
 */
public final class ModelBundle implements AutoCloseable {

    private final BundleManifest manifest;
    private final FeatureSchema schema;
    private final Vocabularies vocabularies;
    private final EmbeddingTables tables;
    private final CtrModel model;
    private final String sha256;
    private final AutoCloseable memory;

    ModelBundle(BundleManifest manifest, FeatureSchema schema, Vocabularies vocabularies, EmbeddingTables tables,
                CtrModel model, String sha256, AutoCloseable memory) {
        this.manifest = manifest;
        this.schema = schema;
        this.vocabularies = vocabularies;
        this.tables = tables;
        this.model = model;
        this.sha256 = sha256;
        this.memory = memory;
    }

    public FeatureSchema schema() {
        return schema;
    }

    public Vocabularies vocabularies() {
        return vocabularies;
    }

    public EmbeddingTables tables() {
        return tables;
    }

    public CtrModel model() {
        return model;
    }

    public ArchitectureConfig architecture() {
        return manifest.architecture();
    }

    public BundleMetadata metadata() {
        return manifest.metadata();
    }

    public BundleManifest manifest() {
        return manifest;
    }

    /** The SHA-256 (hex) of the bundle file this was loaded from. */
    public String sha256() {
        return sha256;
    }

    @Override
    public void close() {
        try {
            memory.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not release the bundle's native memory", e);
        }
    }
}
