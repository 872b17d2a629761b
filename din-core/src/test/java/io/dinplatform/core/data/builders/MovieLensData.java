package io.dinplatform.core.data.builders;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find MovieLens 100K: {@code ${din.shared.dir}/data/movielens-100k}, never inside the project. */
final class MovieLensData {

    private MovieLensData() {
    }

    /** The directory holding {@code u.data} and {@code u.item}; skips the calling test loudly when it is absent. */
    static Path directory() {
        String shared = System.getProperty("din.shared.dir");
        Path directory = shared == null ? null : Path.of(shared, "data", "movielens-100k");
        boolean present = directory != null && Files.isRegularFile(directory.resolve("u.data"))
                && Files.isRegularFile(directory.resolve("u.item"));
        if (!present) {
            String message = "SKIPPED: MovieLens 100K not found (system property din.shared.dir=" + shared
                    + " should hold data/movielens-100k/u.data and u.item)";
            System.err.println("*** " + message);
            Assumptions.abort(message);
        }
        return directory;
    }
}
