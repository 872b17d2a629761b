package io.dinplatform.core.bundle;

import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.model.ModelDimensions;
import tools.jackson.databind.JsonNode;

import java.util.Map;

/**
 * {@code manifest.json}, the table of contents of a bundle: what the model is and the SHA-256 of every other entry,
 * so that a damaged entry is caught by name even when the caller has no checksum of the whole file.
 *
 * @param formatVersion the bundle layout version ({@value #FORMAT_VERSION})
 * @param schema        the feature schema, in its JSON form
 * @param architecture  the model's architecture (embedding dimension included)
 * @param dimensions    the widths of the model's inputs
 * @param metadata      training configuration, metrics, provenance
 * @param entries       entry name to the SHA-256 (hex) of its bytes
 */
public record BundleManifest(int formatVersion, JsonNode schema, ArchitectureConfig architecture,
                             ModelDimensions dimensions, BundleMetadata metadata, Map<String, String> entries) {

    public static final int FORMAT_VERSION = 1;
}
