package io.dinplatform.tools.cli;

import io.dinplatform.core.data.synthetic.SyntheticConfig;
import io.dinplatform.core.data.synthetic.SyntheticDataGenerator;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The synthetic multi-interest samples ({@link SyntheticConfig#defaults()}, any seed) and their schema. */
@Command(name = "synthetic", mixinStandardHelpOptions = true,
        description = "Write the synthetic multi-interest samples CSV (about 20,000 rows unless --users says "
                + "otherwise) and its schema JSON.")
final class SyntheticCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "the samples CSV to write")
    Path out;

    @Option(names = "--schema-out", description = "where to write the schema JSON (default: <out>.schema.json)")
    Path schemaOut;

    @Option(names = "--seed", defaultValue = "7", description = "generator seed; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--users", description = "users (10 impressions each); default 2,000")
    Integer users;

    @Option(names = "--history", description = "the longest history (each user's has half of it to all of it); "
            + "default 20")
    Integer history;

    @Override
    public Integer call() throws Exception {
        FeatureSchema schema;
        try (OutputStream samples = new BufferedOutputStream(Files.newOutputStream(out))) {
            schema = SyntheticDataGenerator.write(config(), samples);
        }
        Path schemaFile = schemaOut != null ? schemaOut : Path.of(out + ".schema.json");
        Files.writeString(schemaFile, FeatureSchemaJson.toJson(schema));
        System.out.printf("{\"samples\": \"%s\", \"schema\": \"%s\"}%n", out, schemaFile);
        return 0;
    }

    private SyntheticConfig config() {
        SyntheticConfig d = SyntheticConfig.defaults();
        return new SyntheticConfig(users == null ? d.users() : users, d.items(), d.categories(),
                d.interestsPerUser(), history == null ? d.historyLength() : history, d.samplesPerUser(),
                d.labelNoise(), seed);
    }
}
