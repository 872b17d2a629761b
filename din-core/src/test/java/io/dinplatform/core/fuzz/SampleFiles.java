package io.dinplatform.core.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;

/**
 * The samples files the fuzz tests start from: one schema that has every kind of column (categorical, a behaviour
 * sequence, numeric, a split and the label), valid files of that schema, and gzip. The seeded-random fuzz tests
 * and Jazzer's coverage-guided ones share it, so that they fuzz the same reader configuration.
 */
public final class SampleFiles {

    /** The schema every fuzzed samples file is read with; its seed files live in the fuzz tests' resources. */
    public static final FeatureSchema SCHEMA = FeatureSchemaJson.parse("""
            {"label": "label", "group": "user_id", "split": "split",
             "features": [{"name": "user_id", "kind": "CATEGORICAL"},
                          {"name": "item_id", "kind": "CATEGORICAL"},
                          {"name": "hist_item_id", "kind": "SEQUENCE", "target": "item_id", "maxLength": 4},
                          {"name": "price", "kind": "NUMERIC"}]}
            """);

    private SampleFiles() {
    }

    /** A valid file of a few rows, varied: histories of any allowed length, prices, splits, quoting. */
    public static byte[] validFile(SplittableRandom random) {
        StringBuilder csv = new StringBuilder("user_id,item_id,hist_item_id,price,split,label\n");
        int rows = 1 + random.nextInt(6);
        for (int r = 0; r < rows; r++) {
            List<String> history = new ArrayList<>();
            for (int h = 0; h < random.nextInt(6); h++) {
                history.add("i" + random.nextInt(50));
            }
            csv.append(random.nextBoolean() ? "u" + random.nextInt(9) : "\"u, " + random.nextInt(9) + "\"")
                    .append(",i").append(random.nextInt(50))
                    .append(',').append(String.join("|", history))
                    .append(',').append(random.nextBoolean() ? "" : Float.toString(random.nextFloat() * 100))
                    .append(',').append(List.of("train", "valid", "test").get(random.nextInt(3)))
                    .append(',').append(random.nextInt(2))
                    .append(random.nextInt(5) == 0 ? "\r\n" : "\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The content compressed the way an uploaded {@code .csv.gz} is. */
    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
