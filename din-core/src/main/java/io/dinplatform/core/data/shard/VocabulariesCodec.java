package io.dinplatform.core.data.shard;

import io.dinplatform.core.data.CompactStrings;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.data.Vocabulary;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytes of a sharded dataset's vocabularies: per feature (in the schema's order) its raw values in index order
 * and the training count of every index. Binary rather than JSON because a vocabulary may hold millions of values.
 *
 * <pre>
 * int magic "DINV", int features; per feature: UTF name, int values, UTF value[values], long count[values + 2]
 * </pre>
 */
final class VocabulariesCodec {

    private static final int MAGIC = 0x44494E56; // "DINV"

    private VocabulariesCodec() {
    }

    static byte[] write(Vocabularies vocabularies) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(vocabularies.byFeature().size());
            for (Map.Entry<String, Vocabulary> entry : vocabularies.byFeature().entrySet()) {
                Vocabulary vocabulary = entry.getValue();
                out.writeUTF(entry.getKey());
                out.writeInt(vocabulary.values().size());
                for (String value : vocabulary.values()) {
                    out.writeUTF(value);
                }
                for (long count : vocabulary.counts()) {
                    out.writeLong(count);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static Vocabularies read(byte[] bytes) throws InvalidShardException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new InvalidShardException("not vocabularies (bad magic number)");
            }
            int features = in.readInt();
            Map<String, Vocabulary> byFeature = new LinkedHashMap<>();
            for (int f = 0; f < features; f++) {
                String name = in.readUTF();
                int size = in.readInt();
                // Straight into the compact form: no list of millions of strings, even for a moment.
                CompactStrings values = new CompactStrings(Math.min(size, 1 << 20), Math.min(size, 1 << 20) * 8);
                for (int i = 0; i < size; i++) {
                    values.add(in.readUTF());
                }
                long[] counts = new long[size + Vocabulary.FIRST_ID];
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = in.readLong();
                }
                byFeature.put(name, new Vocabulary(values, counts));
            }
            if (in.read() != -1) {
                throw new InvalidShardException("bytes follow the vocabularies");
            }
            return new Vocabularies(byFeature);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidShardException("the vocabularies do not decode: " + e.getMessage());
        }
    }
}
