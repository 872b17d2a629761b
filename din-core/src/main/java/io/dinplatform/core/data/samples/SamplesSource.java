package io.dinplatform.core.data.samples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The samples files of one dataset, read in order as one: a single file, or the parts a job wrote to object storage
 * (Spark's {@code part-00000.csv}, ...). Each part is a samples file with its own header; a reader opens a part again
 * for each pass, and reads it to its end, so that a stream which checks its content when it ends (a hash) does.
 *
 * @param parts the files in reading order, at least one
 */
public record SamplesSource(List<Part> parts) {

    public SamplesSource {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a samples source needs at least one part");
        }
        parts = List.copyOf(parts);
    }

    /** A single samples file. */
    public static SamplesSource of(Path file) {
        return new SamplesSource(List.of(new Part(file.getFileName().toString(), () -> Files.newInputStream(file))));
    }

    /** Whether the source is a single file (whose errors need not name it). */
    public boolean single() {
        return parts.size() == 1;
    }

    /**
     * One samples file.
     *
     * @param name   how messages name it (an object's location)
     * @param opener opens it from its first byte
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
