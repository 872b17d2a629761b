package io.dinplatform.core.bundle;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.encode.InstanceEncoder;
import io.dinplatform.core.embedding.BatchAssembler;
import io.dinplatform.core.embedding.EmbeddingLookup;
import io.dinplatform.core.embedding.EmbeddingTables;
import io.dinplatform.core.model.CtrModel;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.core.nn.GradientMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelBundleTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ModelType.class)
    void aLoadedBundleReproducesEveryScoreBitForBit(ModelType type) throws IOException {
        Path file = dir.resolve("model.zip");
        var instances = SmallModel.instances(1, 300);
        float[] before;
        String sha256;
        try (SmallModel original = new SmallModel(type)) {
            sha256 = original.writeBundle(file);
            before = score(original.model, original.tables, original.vocabularies, instances);
        }
        try (ModelBundle loaded = BundleReader.read(file, sha256, Device.cpu())) {
            float[] after = score(loaded.model(), loaded.tables(), loaded.vocabularies(), instances);
            assertThat(IntStream.range(0, after.length).map(i -> Float.floatToRawIntBits(after[i])).toArray())
                    .containsExactly(IntStream.range(0, before.length)
                            .map(i -> Float.floatToRawIntBits(before[i])).toArray());
            assertThat(loaded.sha256()).isEqualTo(sha256);
            assertThat(loaded.architecture().type()).isEqualTo(type);
        }
    }

    @Test
    void rewritingALoadedBundleGivesTheSameBytes() throws IOException {
        Path file = dir.resolve("model.zip");
        try (SmallModel original = new SmallModel(ModelType.DIN)) {
            String sha256 = original.writeBundle(file);
            try (ModelBundle loaded = BundleReader.read(file, null, Device.cpu())) {
                ByteArrayOutputStream again = new ByteArrayOutputStream();
                String rewritten = BundleWriter.write(again, loaded.schema(), loaded.vocabularies(), loaded.model(),
                        loaded.tables(), loaded.metadata());
                assertThat(rewritten).isEqualTo(sha256);
                assertThat(again.toByteArray()).isEqualTo(Files.readAllBytes(file));
            }
        }
    }

    @Test
    void metadataSurvivesTheRoundTrip() throws IOException {
        Path file = dir.resolve("model.zip");
        try (SmallModel original = new SmallModel(ModelType.DIN)) {
            original.writeBundle(file);
        }
        try (ModelBundle loaded = BundleReader.read(file, null, Device.cpu())) {
            BundleMetadata expected = SmallModel.metadata();
            assertThat(loaded.metadata().metrics()).isEqualTo(expected.metrics()); // NaN GAUC included
            assertThat(loaded.metadata().provenance()).isEqualTo(expected.provenance());
            assertThat(loaded.metadata().training()).isEqualTo(expected.training());
            assertThat(loaded.schema()).isEqualTo(SmallModel.SCHEMA);
            assertThat(loaded.vocabularies().of("item_id").indexOf("i7")).isEqualTo(9);
        }
    }

    @Test
    void aFileWithAnotherChecksumIsRefused() throws IOException {
        Path file = dir.resolve("model.zip");
        try (SmallModel original = new SmallModel(ModelType.DIN)) {
            original.writeBundle(file);
        }
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> BundleReader.read(file, wrong, Device.cpu()))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("but " + wrong + " was expected");
    }

    @Test
    void aDamagedEntryIsNamed() throws IOException {
        Path file = dir.resolve("model.zip");
        try (SmallModel original = new SmallModel(ModelType.DIN)) {
            original.writeBundle(file);
        }
        Path damaged = dir.resolve("damaged.zip");
        rewriteWithFlippedByte(file, damaged, BundleWriter.PARAMETERS);
        assertThatThrownBy(() -> BundleReader.read(damaged, null, Device.cpu()))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("bundle entry parameters.bin has SHA-256");
    }

    @Test
    void aFileThatIsNoBundleIsRefused() throws IOException {
        Path file = dir.resolve("notes.zip");
        Files.writeString(file, "not a zip");
        assertThatThrownBy(() -> BundleReader.read(file, null, Device.cpu()))
                .isInstanceOf(InvalidBundleException.class).hasMessageContaining("is not a zip file");
    }

    /** The inference pipeline, step by step, without the scorer. */
    static float[] score(CtrModel model, EmbeddingTables tables, io.dinplatform.core.data.Vocabularies vocabularies,
                         java.util.List<? extends java.util.Map<String, ?>> instances) {
        EncodedDataset data = new InstanceEncoder(SmallModel.SCHEMA, vocabularies).encode(instances);
        BatchAssembler assembler = BatchAssembler.forSchema(SmallModel.SCHEMA, data.size());
        int[] rows = IntStream.range(0, data.size()).toArray();
        try (GradientMode off = GradientMode.disabled(); NDManager batch = tables.manager().newSubManager()) {
            var embedded = new EmbeddingLookup(tables).lookup(assembler.assemble(data, rows, 0, rows.length), batch);
            return ai.djl.nn.Activation.sigmoid(model.forward(embedded, false)).toFloatArray();
        }
    }

    private static void rewriteWithFlippedByte(Path from, Path to, String entryName) throws IOException {
        try (ZipFile zip = new ZipFile(from.toFile()); OutputStream out = Files.newOutputStream(to);
             ZipOutputStream copy = new ZipOutputStream(out)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                byte[] content;
                try (InputStream in = zip.getInputStream(entry)) {
                    content = in.readAllBytes();
                }
                if (entry.getName().equals(entryName)) {
                    content[content.length - 1] ^= 1;
                }
                copy.putNextEntry(new ZipEntry(entry.getName()));
                copy.write(content);
                copy.closeEntry();
            }
        }
    }
}
