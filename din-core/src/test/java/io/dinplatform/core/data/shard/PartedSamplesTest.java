package io.dinplatform.core.data.shard;

import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.encode.ShardedDatasetEncoder;
import io.dinplatform.core.data.samples.SamplesReader;
import io.dinplatform.core.data.samples.SamplesSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A dataset in several files (a job's parts) reads, and encodes, as the one file they make together. */
class PartedSamplesTest {

    @TempDir
    Path directory;

    @Test
    void partsEncodeToTheShardsOfTheWholeFile() throws IOException {
        Path whole = ShardRoundTripTest.writeSamples(directory.resolve("whole.csv"), 500, 11);
        List<String> lines = Files.readAllLines(whole);
        String header = lines.get(0);
        List<SamplesSource.Part> parts = new ArrayList<>();
        int[] cuts = {1, 120, 120, 333, lines.size()}; // the second part holds a header alone
        for (int p = 0; p + 1 < cuts.length; p++) {
            Path part = directory.resolve("part-" + p + ".csv");
            List<String> content = new ArrayList<>(List.of(header));
            content.addAll(lines.subList(cuts[p], cuts[p + 1]));
            Files.write(part, content);
            parts.add(new SamplesSource.Part(part.toString(), () -> Files.newInputStream(part)));
        }
        ShardedDatasetEncoder encoder = new ShardedDatasetEncoder(ShardRoundTripTest.SCHEMA, 64);

        ShardManifest fromParts = encoder.encode(new SamplesSource(parts), "k",
                new DirectoryShardStore(directory.resolve("parts")));
        ShardManifest fromWhole = encoder.encode(whole, "k", new DirectoryShardStore(directory.resolve("whole")));

        assertThat(fromParts.toJson()).isEqualTo(fromWhole.toJson());
    }

    @Test
    void anErrorNamesItsPart() {
        SamplesSource source = new SamplesSource(List.of(part("a.csv", "user_id,item_id,cate_id,hist_item_id,"
                + "hist_cate_id,price,label\nu1,i1,c1,,,1.0,1\n"), part("b.csv", "user_id,item_id,cate_id,"
                + "hist_item_id,hist_cate_id,price,label\nu1,i1,c1,,,1.0,7\n")));

        assertThatThrownBy(() -> new SamplesReader(ShardRoundTripTest.SCHEMA).read(source, row -> { }))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("row 1, column 'label': in b.csv:");
    }

    @Test
    void aPartThatFailsItsOwnCheckAtItsEndFailsAsSuchNotAsBadData() {
        IOException changed = new IOException("the object b.csv changed");
        SamplesSource source = new SamplesSource(List.of(part("a.csv", "user_id,item_id,cate_id,hist_item_id,"
                + "hist_cate_id,price,label\nu1,i1,c1,,,1.0,1\n"), new SamplesSource.Part("b.csv",
                () -> failingAtEnd("user_id,label\nnot,a,valid,row\n", changed))));

        assertThatThrownBy(() -> new SamplesReader(ShardRoundTripTest.SCHEMA).read(source, row -> { }))
                .isSameAs(changed);
    }

    private static SamplesSource.Part part(String name, String csv) {
        return new SamplesSource.Part(name, () -> new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    private static InputStream failingAtEnd(String csv, IOException failure) {
        return new FilterInputStream(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw failure;
                }
                return n;
            }

            @Override
            public int read() throws IOException {
                int n = super.read();
                if (n < 0) {
                    throw failure;
                }
                return n;
            }
        };
    }
}
