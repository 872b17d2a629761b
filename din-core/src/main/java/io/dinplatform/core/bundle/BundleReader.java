package io.dinplatform.core.bundle;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.embedding.EmbeddingTables;
import io.dinplatform.core.model.CtrModel;
import io.dinplatform.core.nn.ParameterStore;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import tools.jackson.core.JacksonException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Loads a bundle written by {@link BundleWriter}, verifying it first: the SHA-256 of the whole file (when the caller
 * knows it, e.g. from the registry) and the SHA-256 of every entry against the manifest. The model is rebuilt from
 * its architecture and then receives the saved arrays, so it scores exactly as the model that was saved.
 */
public final class BundleReader {

    /** Seed of the throw-away initialisation that the saved values overwrite. */
    private static final long UNUSED_SEED = 0;

    private BundleReader() {
    }

    /**
     * @param file           the bundle
     * @param expectedSha256 the SHA-256 (hex) the file must have, or null to rely on the entries' own checksums
     * @param device         where the model will run
     */
    public static ModelBundle read(Path file, String expectedSha256, Device device) throws IOException {
        String sha256 = fileSha256(file);
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(sha256)) {
            throw new InvalidBundleException("bundle " + file.getFileName() + " has SHA-256 " + sha256 + " but "
                    + expectedSha256 + " was expected: the file is damaged or not the registered one");
        }
        try (ZipFile zip = open(file)) {
            BundleManifest manifest = manifest(zip);
            FeatureSchema schema = schema(manifest);
            Vocabularies vocabularies = VocabulariesJson.read(verifiedEntry(zip, manifest, BundleWriter.VOCABULARIES),
                    BundleJson.MAPPER);
            byte[] parameters = verifiedEntry(zip, manifest, BundleWriter.PARAMETERS);
            byte[] embeddings = verifiedEntry(zip, manifest, BundleWriter.EMBEDDINGS);
            return materialize(manifest, schema, vocabularies, parameters, embeddings, sha256, device);
        }
    }

    private static ModelBundle materialize(BundleManifest manifest, FeatureSchema schema, Vocabularies vocabularies,
                                           byte[] parameters, byte[] embeddings, String sha256, Device device)
            throws IOException {
        NDManager memory = NDManager.newBaseManager(device);
        try {
            EmbeddingTables tables = EmbeddingTables.create(memory, schema, vocabularies,
                    manifest.architecture().embeddingDim(), UNUSED_SEED);
            tables.readFrom(new ByteArrayInputStream(embeddings));
            ParameterStore store = new ParameterStore(memory, DataType.FLOAT32, UNUSED_SEED);
            CtrModel model = CtrModel.create(manifest.architecture(), manifest.dimensions(), store);
            store.readFrom(new ByteArrayInputStream(parameters));
            return new ModelBundle(manifest, schema, vocabularies, tables, model, sha256, memory);
        } catch (IOException | RuntimeException e) {
            memory.close();
            if (e instanceof IOException io) {
                throw new InvalidBundleException("bundle arrays do not fit its manifest: " + io.getMessage(), io);
            }
            throw new InvalidBundleException("bundle cannot be loaded: " + e.getMessage(), e);
        }
    }

    private static ZipFile open(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new InvalidBundleException("bundle " + file.getFileName() + " is not a zip file: " + e.getMessage(),
                    e);
        }
    }

    private static BundleManifest manifest(ZipFile zip) throws IOException {
        byte[] json = entry(zip, BundleWriter.MANIFEST);
        BundleManifest manifest;
        try {
            manifest = BundleJson.MAPPER.readValue(json, BundleManifest.class);
        } catch (JacksonException e) {
            throw new InvalidBundleException("manifest.json is not a valid manifest: " + e.getOriginalMessage(), e);
        }
        if (manifest.formatVersion() != BundleManifest.FORMAT_VERSION) {
            throw new InvalidBundleException("bundle format version " + manifest.formatVersion()
                    + " is not supported (this version reads " + BundleManifest.FORMAT_VERSION + ")");
        }
        return manifest;
    }

    private static FeatureSchema schema(BundleManifest manifest) throws InvalidBundleException {
        try {
            return FeatureSchemaJson.fromTree(manifest.schema());
        } catch (RuntimeException e) {
            throw new InvalidBundleException("manifest.json: invalid schema: " + e.getMessage(), e);
        }
    }

    private static byte[] verifiedEntry(ZipFile zip, BundleManifest manifest, String name) throws IOException {
        byte[] content = entry(zip, name);
        String expected = manifest.entries().get(name);
        String actual = BundleWriter.sha256(content);
        if (!actual.equals(expected)) {
            throw new InvalidBundleException("bundle entry " + name + " has SHA-256 " + actual
                    + " but the manifest records " + expected + ": the bundle is damaged");
        }
        return content;
    }

    private static byte[] entry(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new InvalidBundleException("bundle has no " + name + " entry");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        } catch (ZipException e) {
            throw new InvalidBundleException("bundle entry " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String fileSha256(Path file) throws IOException {
        MessageDigest digest = BundleWriter.newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
