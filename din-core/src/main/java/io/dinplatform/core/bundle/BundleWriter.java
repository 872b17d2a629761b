package io.dinplatform.core.bundle;

import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.embedding.EmbeddingTables;
import io.dinplatform.core.model.CtrModel;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a model bundle: one zip file holding {@code manifest.json} (schema, architecture, training configuration,
 * metrics, provenance, and the SHA-256 of every other entry), {@code vocabularies.json}, {@code parameters.bin} (the
 * network's parameters and state) and {@code embeddings.bin} (the tables). Arrays are stored as their raw values, so
 * loading reproduces scores bit for bit on the same device. Entries carry a fixed timestamp, so the same model and
 * metadata always give the same bytes.
 */
public final class BundleWriter {

    static final String MANIFEST = "manifest.json";
    static final String VOCABULARIES = "vocabularies.json";
    static final String PARAMETERS = "parameters.bin";
    static final String EMBEDDINGS = "embeddings.bin";
    /** 1980-01-01, the zip format's epoch: no wall-clock time leaks into the bytes. */
    private static final long FIXED_ENTRY_TIME = 315532800000L;

    private BundleWriter() {
    }

    /**
     * Streams the bundle to {@code out} (not closed) and returns the SHA-256 (hex) of the bytes written, the
     * checksum the registry records and {@link BundleReader} verifies.
     */
    public static String write(OutputStream out, FeatureSchema schema, Vocabularies vocabularies, CtrModel model,
                               EmbeddingTables tables, BundleMetadata metadata) throws IOException {
        checkConsistent(model, tables);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(VOCABULARIES, VocabulariesJson.write(vocabularies, BundleJson.MAPPER));
        entries.put(PARAMETERS, bytes(model.parameters()::writeTo));
        entries.put(EMBEDDINGS, bytes(tables::writeTo));
        Map<String, String> hashes = new LinkedHashMap<>();
        entries.forEach((name, content) -> hashes.put(name, sha256(content)));
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, FeatureSchemaJson.toTree(schema),
                model.architecture(), model.dimensions(), metadata, hashes);

        MessageDigest digest = newDigest();
        DigestOutputStream hashing = new DigestOutputStream(nonClosing(out), digest);
        try (ZipOutputStream zip = new ZipOutputStream(hashing)) {
            putEntry(zip, MANIFEST, BundleJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                putEntry(zip, entry.getKey(), entry.getValue());
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] content) {
        return HexFormat.of().formatHex(newDigest().digest(content));
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void checkConsistent(CtrModel model, EmbeddingTables tables) {
        int dimension = model.architecture().embeddingDim();
        if (tables.dimension() != dimension) {
            throw new IllegalArgumentException("the embedding tables have dimension " + tables.dimension()
                    + " but the architecture says embeddingDim " + dimension);
        }
        if (tables.itemWidth() != model.dimensions().itemWidth()
                || tables.profileWidth() != model.dimensions().profileWidth()
                || tables.numericWidth() != model.dimensions().numericWidth()) {
            throw new IllegalArgumentException("the embedding tables do not fit the model: " + model.dimensions());
        }
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(FIXED_ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    private interface Writing {
        void writeTo(OutputStream out) throws IOException;
    }

    private static byte[] bytes(Writing writing) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            writing.writeTo(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory buffer does not fail
        }
        return buffer.toByteArray();
    }

    /** Closing the zip must finish it without closing the caller's stream. */
    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }
}
