package io.dinplatform.core.data.builders;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.GroupSplitter;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.encode.DatasetEncoder;
import io.dinplatform.core.data.items.CatalogItem;
import io.dinplatform.core.data.samples.CellValues;
import io.dinplatform.core.data.samples.SamplesReader;
import io.dinplatform.core.data.stats.DatasetStatistics;
import io.dinplatform.core.data.stats.StatisticsCollector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The paper's MovieLens protocols on the real MovieLens 100K. */
class MovieLensBuildTest {

    private static List<Interaction> interactions;
    private static ItemCatalog catalog;
    private static final Map<BuildProtocol, byte[]> BUILT = new EnumMap<>(BuildProtocol.class);

    @BeforeAll
    static void readLogs() throws IOException {
        Path directory = MovieLensData.directory();
        try (InputStream data = Files.newInputStream(directory.resolve("u.data"));
             InputStream items = Files.newInputStream(directory.resolve("u.item"))) {
            interactions = InteractionLogReader.read(data, InteractionFormat.MOVIELENS);
            catalog = ItemCatalogReader.movieLens(items);
        }
    }

    @Test
    void ratingThresholdMakesOneSamplePerRatingSplitByUser() throws IOException {
        byte[] csv = build(BuildOptions.defaults(BuildProtocol.RATING_THRESHOLD));
        Map<String, Set<Split>> splitsOfUser = new HashMap<>();
        long[] positives = new long[1];

        long rows = new SamplesReader(SamplesBuilder.schema(50)).read(new ByteArrayInputStream(csv), row -> {
            splitsOfUser.computeIfAbsent(row.group(), u -> new HashSet<>()).add(row.split());
            positives[0] += row.label();
        });

        assertThat(rows).isEqualTo(100_000);
        assertThat(positives[0]).as("ratings 4 and 5").isEqualTo(34_174 + 21_201);
        assertThat(splitsOfUser).hasSize(943).allSatisfy((user, splits) -> assertThat(splits).hasSize(1));
    }

    @Test
    void theBuildDescribesEveryMovieByItsTitle() throws IOException {
        BuildResult result = SamplesBuilder.build(interactions, catalog,
                BuildOptions.defaults(BuildProtocol.RATING_THRESHOLD), OutputStream.nullOutputStream());

        assertThat(result.items()).hasSize(1_682).extracting(CatalogItem::id).doesNotHaveDuplicates();
        CatalogItem toyStory = result.items().get(0);
        assertThat(toyStory.id()).isEqualTo("1");
        assertThat(toyStory.title()).isEqualTo("Toy Story (1995)");
        assertThat(toyStory.category()).as("the first flagged genre, as the samples hold it").isEqualTo("Animation");
        assertThat(toyStory.attributes()).containsEntry("genres", "Animation|Children's|Comedy")
                .containsEntry("releaseDate", "01-Jan-1995");
        assertThat(result.items()).filteredOn(item -> item.title() == null).isEmpty();
    }

    /** Each history is exactly the user's newest (at most 50) strictly earlier events, oldest first. */
    @Test
    void historiesArePointInTime() throws IOException {
        byte[] csv = build(BuildOptions.defaults(BuildProtocol.RATING_THRESHOLD));
        Map<String, List<Long>> timesOfUser = new HashMap<>();
        Map<String, Long> timestamps = new HashMap<>();
        for (Interaction i : interactions) {
            timesOfUser.computeIfAbsent(i.user(), u -> new ArrayList<>()).add(i.timestamp());
            timestamps.put(i.user() + "/" + i.item(), i.timestamp());
        }
        List<String> violations = new ArrayList<>();

        new SamplesReader(SamplesBuilder.schema(50)).read(new ByteArrayInputStream(csv), row -> {
            long when = timestamps.get(row.group() + "/" + row.categorical()[1]);
            long earlier = timesOfUser.get(row.group()).stream().filter(t -> t < when).count();
            if (row.historyLength() != Math.min(50, earlier)) {
                violations.add("row " + row.row() + ": " + row.historyLength() + " history items, expected "
                        + Math.min(50, earlier));
            }
            long previous = Long.MIN_VALUE;
            for (String item : row.sequences()[0].values()) {
                long at = timestamps.get(row.group() + "/" + item);
                if (at >= when || at < previous) {
                    violations.add("row " + row.row() + ": history item " + item + " at " + at
                            + " is not strictly before " + when + " in time order");
                }
                previous = at;
            }
        });

        assertThat(violations).isEmpty();
    }

    @Test
    void nextItemNegativesAreNeverItemsOfTheUser() throws IOException {
        byte[] csv = build(BuildOptions.defaults(BuildProtocol.NEXT_ITEM));
        Map<String, Set<String>> itemsOfUser = new HashMap<>();
        interactions.forEach(i -> itemsOfUser.computeIfAbsent(i.user(), u -> new HashSet<>()).add(i.item()));
        Map<Split, Long> splits = new EnumMap<>(Split.class);

        List<Long> wrong = new ArrayList<>();

        long rows = new SamplesReader(SamplesBuilder.schema(50)).read(new ByteArrayInputStream(csv), row -> {
            boolean seen = itemsOfUser.get(row.group()).contains(row.categorical()[1]);
            if (seen != (row.label() == 1)) {
                wrong.add(row.row());
            }
            splits.merge(row.split(), 1L, Long::sum);
        });

        assertThat(wrong).as("rows whose candidate is (label 1) or is not (label 0) an item of the user").isEmpty();

        assertThat(rows).isEqualTo(2L * (100_000 - 943));
        assertThat(splits).containsEntry(Split.TEST, 2L * 943).containsEntry(Split.VALID, 2L * 943);
    }

    /**
     * MovieLens' genres hold no separator, so each is renamed like an Amazon category ({@code Action, Bags & more},
     * one with a {@code |} and a {@code %} too): a user's first NEXT_ITEM samples have a one-value history, the
     * cell the reader would take for a wrong delimiter if the builder wrote the name as it is.
     */
    @Test
    void nextItemBuildsAndReadsBackCategoriesHoldingSeparators() throws IOException {
        Map<String, String> renamed = new LinkedHashMap<>();
        catalog.categoryByItem().forEach((item, genre) -> renamed.put(item,
                genre.equals("Drama") ? "Drama | 100% tears" : genre + ", Bags & more"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SamplesBuilder.build(interactions, new ItemCatalog(renamed), BuildOptions.defaults(BuildProtocol.NEXT_ITEM),
                out);
        List<String> wrong = new ArrayList<>();
        long[] oneValueHistories = new long[1];

        long rows = new SamplesReader(SamplesBuilder.schema(50)).read(new ByteArrayInputStream(out.toByteArray()),
                row -> {
                    String[] items = row.sequences()[0].values();
                    String[] categories = row.sequences()[1].values();
                    oneValueHistories[0] += items.length == 1 ? 1 : 0;
                    if (!categoryOf(renamed, row.categorical()[1]).equals(CellValues.rawText(row.categorical()[2]))) {
                        wrong.add("row " + row.row() + ": " + row.categorical()[2]);
                    }
                    for (int k = 0; k < items.length; k++) {
                        if (!categoryOf(renamed, items[k]).equals(CellValues.rawText(categories[k]))) {
                            wrong.add("row " + row.row() + ", history " + k + ": " + categories[k]);
                        }
                    }
                });

        assertThat(rows).isEqualTo(2L * (100_000 - 943));
        assertThat(oneValueHistories[0]).as("samples whose history is one value (a user's first, unless the second"
                + " event shares its second)").isPositive();
        assertThat(wrong).as("categories that did not read back as the catalogue's").isEmpty();
        EncodedDataset data = new DatasetEncoder(SamplesBuilder.schema(50))
                .encode(new ByteArrayInputStream(out.toByteArray()));
        assertThat(data.vocabularies().of(SamplesBuilder.CATEGORY).values()).hasSizeLessThanOrEqualTo(19)
                .contains("Action%2C Bags & more", "Drama %7C 100%25 tears");
    }

    private static String categoryOf(Map<String, String> categories, String itemValue) {
        return categories.get(CellValues.rawText(itemValue));
    }

    @Test
    void buildAndEncodeTheWholeDatasetAndDescribeIt() throws IOException {
        BuildOptions options = BuildOptions.defaults(BuildProtocol.RATING_THRESHOLD);
        new DatasetEncoder(SamplesBuilder.schema(50)).encode(new ByteArrayInputStream(buildNow(options)));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] wall = new long[4];
        long[] cpu = new long[4];
        wall[0] = System.nanoTime();
        cpu[0] = threads.getCurrentThreadCpuTime();
        byte[] csv = buildNow(options);
        wall[1] = System.nanoTime();
        cpu[1] = threads.getCurrentThreadCpuTime();
        EncodedDataset data = new DatasetEncoder(SamplesBuilder.schema(50)).encode(new ByteArrayInputStream(csv));
        wall[2] = System.nanoTime();
        cpu[2] = threads.getCurrentThreadCpuTime();
        DatasetStatistics stats = StatisticsCollector.collect(SamplesBuilder.schema(50), GroupSplitter.DEFAULT,
                new ByteArrayInputStream(csv));
        wall[3] = System.nanoTime();
        cpu[3] = threads.getCurrentThreadCpuTime();
        System.out.printf("MovieLens 100K, warm, milliseconds wall (thread CPU): build %.0f (%.0f), encode %.0f (%.0f),"
                + " statistics %.0f (%.0f); %d bytes of samples CSV%n", (wall[1] - wall[0]) / 1e6,
                (cpu[1] - cpu[0]) / 1e6, (wall[2] - wall[1]) / 1e6, (cpu[2] - cpu[1]) / 1e6,
                (wall[3] - wall[2]) / 1e6, (cpu[3] - cpu[2]) / 1e6, csv.length);

        assertThat(data.size()).isEqualTo(100_000);
        assertThat(data.rowsOf(Split.TRAIN).length).isBetween(70_000, 90_000);
        assertThat(data.vocabularies().of(SamplesBuilder.CATEGORY).values()).hasSizeLessThanOrEqualTo(19);
        assertThat(stats.rows()).isEqualTo(100_000);
        assertThat(stats.positiveRate()).isEqualTo(0.55375);
        assertThat(stats.distinctGroups()).isEqualTo(943);
        assertThat(stats.distinctValues().get(SamplesBuilder.ITEM)).isEqualTo(1682);
        assertThat(stats.historyLength().max()).isEqualTo(50);
        assertThat(stats.historyLength().min()).isZero();
        assertThat(stats.splitSizes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(100_000);
    }

    /** The samples of a protocol with default options, built once for all tests. */
    private static byte[] build(BuildOptions options) throws IOException {
        if (!options.equals(BuildOptions.defaults(options.protocol()))) {
            return buildNow(options);
        }
        byte[] built = BUILT.get(options.protocol());
        if (built == null) {
            built = buildNow(options);
            BUILT.put(options.protocol(), built);
        }
        return built;
    }

    private static byte[] buildNow(BuildOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SamplesBuilder.build(interactions, catalog, options, out);
        return out.toByteArray();
    }
}
