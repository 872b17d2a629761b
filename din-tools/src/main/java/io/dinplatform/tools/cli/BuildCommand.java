package io.dinplatform.tools.cli;

import io.dinplatform.core.data.builders.BuildOptions;
import io.dinplatform.core.data.builders.BuildProtocol;
import io.dinplatform.core.data.builders.BuildResult;
import io.dinplatform.core.data.builders.InteractionFormat;
import io.dinplatform.core.data.builders.InteractionLogReader;
import io.dinplatform.core.data.builders.ItemCatalog;
import io.dinplatform.core.data.builders.ItemCatalogReader;
import io.dinplatform.core.data.builders.SamplesBuilder;
import io.dinplatform.core.data.csv.TextLimit;
import io.dinplatform.core.schema.FeatureSchemaJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Raw interaction logs and an item catalog → a samples CSV and its schema JSON. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build a samples CSV (and its schema JSON) from raw interaction logs.")
final class BuildCommand implements Callable<Integer> {

    enum LogFormat { MOVIELENS, CSV, CSV_RATED }

    enum CatalogFormat { MOVIELENS, CSV }

    @Option(names = "--protocol", required = true, description = "RATING_THRESHOLD or NEXT_ITEM")
    BuildProtocol protocol;

    @Option(names = "--interactions", required = true, description = "the interaction log")
    Path interactions;

    @Option(names = "--interactions-format", defaultValue = "MOVIELENS",
            description = "MOVIELENS (u.data: user, item, rating, time; tabs), CSV (user,item,timestamp with a "
                    + "header) or CSV_RATED (user,item,timestamp,rating); default ${DEFAULT-VALUE}")
    LogFormat interactionsFormat;

    @Option(names = "--items", required = true, description = "the item catalog (item → category)")
    Path items;

    @Option(names = "--items-format", defaultValue = "MOVIELENS",
            description = "MOVIELENS (u.item, first genre) or CSV (item,category with a header, RFC 4180 quoting);"
                    + " default ${DEFAULT-VALUE}")
    CatalogFormat itemsFormat;

    @Option(names = "--out", required = true, description = "the samples CSV to write")
    Path out;

    @Option(names = "--schema-out", description = "where to write the schema JSON (default: <out>.schema.json)")
    Path schemaOut;

    @Option(names = "--max-length", defaultValue = "50", description = "history items kept; default ${DEFAULT-VALUE}")
    int maxLength;

    @Option(names = "--rating-threshold", defaultValue = "4",
            description = "RATING_THRESHOLD: the lowest rating that counts as a click; default ${DEFAULT-VALUE}")
    double ratingThreshold;

    @Option(names = "--seed", defaultValue = "42", description = "split and sampling seed; default ${DEFAULT-VALUE}")
    long seed;

    @Override
    public Integer call() throws Exception {
        BuildOptions options = new BuildOptions(protocol, ratingThreshold, maxLength, seed, 0.1, 0.1);
        ItemCatalog catalog;
        try (InputStream in = Files.newInputStream(items)) {
            catalog = itemsFormat == CatalogFormat.MOVIELENS ? ItemCatalogReader.movieLens(in)
                    : ItemCatalogReader.csv(in, TextLimit.NONE);
        }
        BuildResult result;
        try (InputStream log = Files.newInputStream(interactions);
             OutputStream samples = new BufferedOutputStream(Files.newOutputStream(out))) {
            result = SamplesBuilder.build(InteractionLogReader.read(log, format()), catalog, options, samples);
        }
        Path schemaFile = schemaOut != null ? schemaOut : Path.of(out + ".schema.json");
        Files.writeString(schemaFile, FeatureSchemaJson.toJson(result.schema()));
        System.out.printf("{\"samples\": \"%s\", \"schema\": \"%s\", \"rows\": %d, \"positives\": %d, \"users\": %d}%n",
                out, schemaFile, result.rows(), result.positives(), result.users());
        return 0;
    }

    private InteractionFormat format() {
        return switch (interactionsFormat) {
            case MOVIELENS -> InteractionFormat.MOVIELENS;
            case CSV -> InteractionFormat.csv(false);
            case CSV_RATED -> InteractionFormat.csv(true);
        };
    }
}
