package io.dinplatform.core.data.builders;

import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.GroupSplitter;
import io.dinplatform.core.data.RowError;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.csv.CsvWriter;
import io.dinplatform.core.data.items.CatalogItem;
import io.dinplatform.core.data.samples.CellValues;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds a samples CSV from raw logs by a {@link BuildProtocol}. A pure function of its inputs and seed: the same
 * logs and options give the same bytes.
 *
 * <p>Histories are point-in-time: a sample's history holds only the user's interactions with a strictly earlier
 * timestamp (never its own event, nor a later one, nor one at the same second), newest last, cut to maxLength.
 *
 * <p>It never writes a file that {@link io.dinplatform.core.data.samples.SamplesReader} refuses. Item ids and
 * categories appear in histories, so they are written as {@link CellValues#sequenceValue sequence values} in every
 * column (one vocabulary serves an item column and its history): a category such as {@code Bags, Cases & Sleeves}
 * becomes {@code Bags%2C Cases & Sleeves} rather than failing the build, since real catalogues hold such names.
 * Text no cell can hold (empty ids and categories, unpaired surrogates, ids too long for a history) is refused
 * before anything is written, each error naming the row and the value ({@link CellValues} has the rules).
 */
public final class SamplesBuilder {

    public static final String USER = "user_id";
    public static final String ITEM = "item_id";
    public static final String CATEGORY = "cate_id";
    public static final String HISTORY_ITEMS = "hist_item_id";
    public static final String HISTORY_CATEGORIES = "hist_cate_id";
    public static final String LABEL = "label";
    public static final String SPLIT = "split";

    private static final char SEQUENCE_DELIMITER = '|';
    private static final int NEGATIVE_SAMPLING_ATTEMPTS = 64;

    private SamplesBuilder() {
    }

    /** The schema of every build: user, candidate item and category, their histories, label and split. */
    public static FeatureSchema schema(int maxLength) {
        return new FeatureSchema(LABEL, USER, SPLIT, null, List.of(
                FeatureSpec.categorical(USER), FeatureSpec.categorical(ITEM), FeatureSpec.categorical(CATEGORY),
                FeatureSpec.sequence(HISTORY_ITEMS, ITEM, maxLength),
                FeatureSpec.sequence(HISTORY_CATEGORIES, CATEGORY, maxLength)));
    }

    /**
     * Writes the samples as UTF-8 CSV to {@code out} (flushed, not closed).
     *
     * @throws DataFormatException when an interaction names an item missing from the catalog, an id or a category
     *                             is text that no cell can hold, or RATING_THRESHOLD gets a log without ratings
     */
    public static BuildResult build(List<Interaction> interactions, ItemCatalog catalog, BuildOptions options,
                                    OutputStream out) throws IOException {
        check(interactions, catalog, options);
        Map<String, List<Interaction>> timelines = timelinesByUser(interactions);
        CsvWriter csv = new CsvWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16));
        SampleWriter writer = new SampleWriter(csv, catalog, options.maxLength());
        csv.writeRecord(USER, ITEM, CATEGORY, HISTORY_ITEMS, HISTORY_CATEGORIES, LABEL, SPLIT);
        long usersWithoutSamples = 0;
        for (Map.Entry<String, List<Interaction>> timeline : timelines.entrySet()) {
            long before = writer.rows;
            switch (options.protocol()) {
                case RATING_THRESHOLD -> ratingThreshold(timeline.getKey(), timeline.getValue(), options, writer);
                case NEXT_ITEM -> nextItem(timeline.getKey(), timeline.getValue(), catalog, options, writer);
            }
            usersWithoutSamples += writer.rows == before ? 1 : 0;
        }
        csv.flush();
        return new BuildResult(schema(options.maxLength()), writer.rows, writer.positives,
                timelines.size() - usersWithoutSamples, usersWithoutSamples, writer.catalogItems(catalog));
    }

    private static void ratingThreshold(String user, List<Interaction> timeline, BuildOptions options,
                                        SampleWriter writer) throws IOException {
        Split split = new GroupSplitter(options.seed(), options.validFraction(), options.testFraction()).splitOf(user);
        int earlierEnd = 0;
        for (int i = 0; i < timeline.size(); i++) {
            earlierEnd = firstAtSameTime(timeline, i, earlierEnd);
            Interaction event = timeline.get(i);
            boolean click = event.rating() >= options.ratingThreshold();
            writer.write(user, event.item(), timeline, earlierEnd, click, split);
        }
    }

    private static void nextItem(String user, List<Interaction> timeline, ItemCatalog catalog, BuildOptions options,
                                 SampleWriter writer) throws IOException {
        Set<String> seen = new HashSet<>();
        timeline.forEach(event -> seen.add(event.item()));
        if (seen.size() >= catalog.size()) {
            return;
        }
        List<String> items = catalog.items();
        SplittableRandom random = new SplittableRandom(options.seed() ^ (user.hashCode() * 0x9E3779B97F4A7C15L));
        int earlierEnd = 0;
        for (int i = 1; i < timeline.size(); i++) {
            earlierEnd = firstAtSameTime(timeline, i, earlierEnd);
            Split split = i == timeline.size() - 1 ? Split.TEST : i == timeline.size() - 2 ? Split.VALID : Split.TRAIN;
            writer.write(user, timeline.get(i).item(), timeline, earlierEnd, true, split);
            writer.write(user, negative(items, seen, random), timeline, earlierEnd, false, split);
        }
    }

    /**
     * The end (exclusive) of the events strictly before event i: the first index holding i's timestamp. Timelines
     * are sorted, so it only moves forward.
     */
    private static int firstAtSameTime(List<Interaction> timeline, int i, int previous) {
        int end = previous;
        while (timeline.get(end).timestamp() < timeline.get(i).timestamp()) {
            end++;
        }
        return end;
    }

    /** An item the user never interacted with: rejection sampling, then a scan of the rest when the user saw most. */
    private static String negative(List<String> items, Set<String> seen, SplittableRandom random) {
        for (int attempt = 0; attempt < NEGATIVE_SAMPLING_ATTEMPTS; attempt++) {
            String candidate = items.get(random.nextInt(items.size()));
            if (!seen.contains(candidate)) {
                return candidate;
            }
        }
        List<String> unseen = items.stream().filter(item -> !seen.contains(item)).toList();
        return unseen.get(random.nextInt(unseen.size()));
    }

    /** Each user's events in time order (ties keep file order), users in order of first appearance. */
    private static Map<String, List<Interaction>> timelinesByUser(List<Interaction> interactions) {
        Map<String, List<Interaction>> timelines = new LinkedHashMap<>();
        for (Interaction interaction : interactions) {
            timelines.computeIfAbsent(interaction.user(), u -> new ArrayList<>()).add(interaction);
        }
        timelines.values().forEach(t -> t.sort(Comparator.comparingLong(Interaction::timestamp)));
        return timelines;
    }

    private static void check(List<Interaction> interactions, ItemCatalog catalog, BuildOptions options) {
        if (interactions.isEmpty()) {
            throw DataFormatException.of(0, null, "the interaction log has no events");
        }
        List<RowError> errors = new ArrayList<>();
        catalog.categoryByItem().forEach((item, category) -> {
            refuse(0, "item", "the item id " + CellValues.quoted(item), CellValues.sequenceValueProblem(item),
                    errors);
            refuse(0, "category", "the category " + CellValues.quoted(category) + " of item "
                    + CellValues.quoted(item), CellValues.sequenceValueProblem(category), errors);
        });
        for (Interaction event : interactions) {
            if (errors.size() >= DataFormatException.MAX_REPORTED_ERRORS) {
                break;
            }
            if (options.protocol() == BuildProtocol.RATING_THRESHOLD && !event.hasRating()) {
                errors.add(new RowError(event.line(), "rating", "RATING_THRESHOLD needs a rating on every event"));
            } else if (!catalog.contains(event.item())) {
                errors.add(new RowError(event.line(), "item", "item '" + event.item() + "' is not in the items file"));
            } else {
                refuse(event.line(), "user", "the user id " + CellValues.quoted(event.user()),
                        CellValues.cellProblem(event.user()), errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new DataFormatException(errors);
        }
    }

    private static void refuse(long row, String column, String what, String problem, List<RowError> errors) {
        if (problem != null && errors.size() < DataFormatException.MAX_REPORTED_ERRORS) {
            errors.add(new RowError(row, column, what + " " + problem));
        }
    }

    /**
     * Writes sample rows, joining the history window into sequence cells. Item ids and categories are written as
     * sequence values, mapped once per item.
     */
    private static final class SampleWriter {
        private final CsvWriter csv;
        private final Map<String, String> itemValues;
        private final Map<String, String> categoryValues;
        private final int maxLength;
        private final StringBuilder items = new StringBuilder();
        private final StringBuilder categories = new StringBuilder();
        private long rows;
        private long positives;

        SampleWriter(CsvWriter csv, ItemCatalog catalog, int maxLength) {
            this.csv = csv;
            this.itemValues = new HashMap<>(catalog.size() * 2);
            this.categoryValues = new HashMap<>(catalog.size() * 2);
            this.maxLength = maxLength;
            catalog.categoryByItem().forEach((item, category) -> {
                itemValues.put(item, CellValues.sequenceValue(item));
                categoryValues.put(item, CellValues.sequenceValue(category));
            });
        }

        /** The catalogue's items as the samples name them, with what the items file says about each. */
        List<CatalogItem> catalogItems(ItemCatalog catalog) {
            List<CatalogItem> described = new ArrayList<>(catalog.size());
            catalog.categoryByItem().keySet().forEach(item -> {
                ItemDescription description = catalog.descriptionOf(item);
                described.add(new CatalogItem(itemValues.get(item), description.title(), categoryValues.get(item),
                        description.attributes()));
            });
            return described;
        }

        /** One sample whose history is {@code timeline[0, historyEnd)} cut to its newest maxLength events. */
        void write(String user, String item, List<Interaction> timeline, int historyEnd, boolean click, Split split)
                throws IOException {
            items.setLength(0);
            categories.setLength(0);
            for (int j = Math.max(0, historyEnd - maxLength); j < historyEnd; j++) {
                if (!items.isEmpty()) {
                    items.append(SEQUENCE_DELIMITER);
                    categories.append(SEQUENCE_DELIMITER);
                }
                String historyItem = timeline.get(j).item();
                items.append(itemValues.get(historyItem));
                categories.append(categoryValues.get(historyItem));
            }
            csv.writeRecord(user, itemValues.get(item), categoryValues.get(item), items.toString(),
                    categories.toString(), click ? "1" : "0", split.name().toLowerCase(Locale.ROOT));
            rows++;
            positives += click ? 1 : 0;
        }
    }
}
