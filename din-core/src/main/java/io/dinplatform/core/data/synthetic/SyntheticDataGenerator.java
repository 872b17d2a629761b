package io.dinplatform.core.data.synthetic;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.GroupSplitter;
import io.dinplatform.core.data.builders.SamplesBuilder;
import io.dinplatform.core.data.csv.CsvWriter;
import io.dinplatform.core.data.encode.DatasetEncoder;
import io.dinplatform.core.schema.FeatureSchema;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.StringJoiner;

/**
 * Samples with planted multi-interest behaviour, where attention over the history should beat pooling clearly.
 *
 * <p>Each user has a few interest categories. Four in five history items come from them, the rest from anywhere.
 * Half of the candidates come from the user's interests, half from a random category, and a candidate is clicked
 * when its category is one of the user's interests (each label flipped with probability {@code labelNoise}). The
 * click thus depends on whether the candidate matches part of the history, which the local activation unit sees
 * directly and a pooled history only blurred by the other interests. Users are split 80/10/10 by a seeded hash, so a
 * test user's interests can only be read from the history, never memorised from the user id.
 *
 * <p>The columns and schema are those of {@link SamplesBuilder#schema(int)}: users {@code u<n>}, items {@code i<n>}
 * in categories {@code c<n>}.
 */
public final class SyntheticDataGenerator {

    /** The share of history items drawn from the user's interests. */
    public static final double HISTORY_INTEREST_SHARE = 0.8;

    private SyntheticDataGenerator() {
    }

    /** Writes the samples CSV (UTF-8, flushed, not closed) and returns its schema. */
    public static FeatureSchema write(SyntheticConfig config, OutputStream out) throws IOException {
        SplittableRandom random = new SplittableRandom(config.seed());
        GroupSplitter splitter = new GroupSplitter(config.seed(), 0.1, 0.1);
        CsvWriter csv = new CsvWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16));
        csv.writeRecord(SamplesBuilder.USER, SamplesBuilder.ITEM, SamplesBuilder.CATEGORY,
                SamplesBuilder.HISTORY_ITEMS, SamplesBuilder.HISTORY_CATEGORIES, SamplesBuilder.LABEL,
                SamplesBuilder.SPLIT);
        for (int u = 0; u < config.users(); u++) {
            writeUser("u" + u, config, random, splitter, csv);
        }
        csv.flush();
        return SamplesBuilder.schema(config.historyLength());
    }

    /** The samples encoded in memory (vocabularies from the training split), for tests and benchmarks. */
    public static EncodedDataset generate(SyntheticConfig config) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            FeatureSchema schema = write(config, bytes);
            return new DatasetEncoder(schema).encode(new ByteArrayInputStream(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory streams do not fail", e);
        }
    }

    private static void writeUser(String user, SyntheticConfig config, SplittableRandom random,
                                  GroupSplitter splitter, CsvWriter csv) throws IOException {
        int[] interests = distinctCategories(config, random);
        String split = splitter.splitOf(user).name().toLowerCase(Locale.ROOT);
        int length = config.historyLength() / 2 + random.nextInt(config.historyLength() - config.historyLength() / 2 + 1);
        StringJoiner historyItems = new StringJoiner("|");
        StringJoiner historyCategories = new StringJoiner("|");
        for (int j = 0; j < length; j++) {
            int category = random.nextDouble() < HISTORY_INTEREST_SHARE
                    ? interests[random.nextInt(interests.length)]
                    : random.nextInt(config.categories());
            historyItems.add("i" + itemIn(category, config, random));
            historyCategories.add("c" + category);
        }
        for (int s = 0; s < config.samplesPerUser(); s++) {
            int category = random.nextBoolean()
                    ? interests[random.nextInt(interests.length)]
                    : random.nextInt(config.categories());
            boolean click = contains(interests, category) != (random.nextDouble() < config.labelNoise());
            csv.writeRecord(user, "i" + itemIn(category, config, random), "c" + category,
                    historyItems.toString(), historyCategories.toString(), click ? "1" : "0", split);
        }
    }

    /** A random item of the category: items are dealt to categories round-robin (item i is in category i mod C). */
    private static int itemIn(int category, SyntheticConfig config, SplittableRandom random) {
        int itemsInCategory = (config.items() - category + config.categories() - 1) / config.categories();
        return category + config.categories() * random.nextInt(itemsInCategory);
    }

    private static int[] distinctCategories(SyntheticConfig config, SplittableRandom random) {
        int[] chosen = new int[config.interestsPerUser()];
        for (int k = 0; k < chosen.length; k++) {
            int category;
            do {
                category = random.nextInt(config.categories());
            } while (contains(chosen, k, category));
            chosen[k] = category;
        }
        return chosen;
    }

    private static boolean contains(int[] values, int value) {
        return contains(values, values.length, value);
    }

    private static boolean contains(int[] values, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }
}
