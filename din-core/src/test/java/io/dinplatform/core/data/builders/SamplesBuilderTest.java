package io.dinplatform.core.data.builders;

import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.RowError;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.csv.TextLimit;
import io.dinplatform.core.data.items.CatalogItem;
import io.dinplatform.core.data.samples.CellValues;
import io.dinplatform.core.data.samples.SampleRow;
import io.dinplatform.core.data.samples.SamplesReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class SamplesBuilderTest {

    private static final ItemCatalog CATALOG = new ItemCatalog(new LinkedHashMap<>(Map.of(
            "i1", "A", "i2", "B", "i3", "A", "i4", "C", "i5", "B", "i6", "C")));

    /** u1 rates i2 and i3 in the same second; u.data-like layout: user, item, rating, timestamp. */
    private static final String LOG = """
            u1\ti1\t5\t100
            u1\ti4\t1\t300
            u1\ti2\t3\t200
            u2\ti2\t4\t50
            u1\ti3\t4\t200
            """;

    @Test
    void ratingThresholdGivesPointInTimeHistoriesRowByRow() throws IOException {
        Built built = build(LOG, BuildOptions.defaults(BuildProtocol.RATING_THRESHOLD));

        assertThat(built.rows()).extracting(SamplesBuilderTest::describe).containsExactly(
                "u1 i1 A [] [] 1",
                "u1 i2 B [i1] [A] 0",
                "u1 i3 A [i1] [A] 1",
                "u1 i4 C [i1, i2, i3] [A, B, A] 0",
                "u2 i2 B [] [] 1");
        assertThat(built.result().rows()).isEqualTo(5);
        assertThat(built.result().positives()).isEqualTo(3);
        assertThat(built.result().users()).isEqualTo(2);
        assertThat(built.rows()).filteredOn(r -> r.group().equals("u1")).extracting(SampleRow::split)
                .as("a user's rows share one split").containsOnly(built.rows().get(0).split());
    }

    @Test
    void cutsHistoriesToTheNewestMaxLength() throws IOException {
        Built built = build(LOG, BuildOptions.defaults(BuildProtocol.RATING_THRESHOLD).withMaxLength(2));

        assertThat(describe(built.rows().get(3))).isEqualTo("u1 i4 C [i2, i3] [B, A] 0");
        assertThat(built.result().schema().maxHistoryLength()).isEqualTo(2);
    }

    @Test
    void nextItemPairsEachNextItemWithANegativeAndSplitsByPosition() throws IOException {
        String log = "u1\ti1\t0\t1\nu1\ti2\t0\t2\nu1\ti3\t0\t3\nu1\ti4\t0\t4\nu2\ti6\t0\t9\n";

        Built built = build(log, BuildOptions.defaults(BuildProtocol.NEXT_ITEM));

        List<SampleRow> rows = built.rows();
        assertThat(rows).hasSize(6);
        assertThat(rows).extracting(r -> describe(r).replaceFirst("^u1 i[56] [BC]", "u1 NEG")).containsExactly(
                "u1 i2 B [i1] [A] 1", "u1 NEG [i1] [A] 0",
                "u1 i3 A [i1, i2] [A, B] 1", "u1 NEG [i1, i2] [A, B] 0",
                "u1 i4 C [i1, i2, i3] [A, B, A] 1", "u1 NEG [i1, i2, i3] [A, B, A] 0");
        assertThat(rows).extracting(SampleRow::split).containsExactly(
                Split.TRAIN, Split.TRAIN, Split.VALID, Split.VALID, Split.TEST, Split.TEST);
        assertThat(rows).filteredOn(r -> r.label() == 0).extracting(r -> r.categorical()[1])
                .allSatisfy(item -> assertThat(item).isIn("i5", "i6"));
        assertThat(built.result().usersWithoutSamples()).as("u2 has a single interaction").isEqualTo(1);
    }

    @Test
    void isDeterministicForASeed() throws IOException {
        StringBuilder log = new StringBuilder();
        Map<String, String> categories = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            categories.put("i" + i, "c" + i % 7);
        }
        for (int e = 0; e < 2000; e++) {
            log.append('u').append(e % 40).append("\ti").append(e * 37 % 200).append("\t3\t").append(e).append('\n');
        }
        ItemCatalog catalog = new ItemCatalog(categories);
        for (BuildProtocol protocol : BuildProtocol.values()) {
            BuildOptions options = BuildOptions.defaults(protocol);
            String first = csv(log.toString(), catalog, options);

            assertThat(csv(log.toString(), catalog, options)).isEqualTo(first);
            assertThat(csv(log.toString(), catalog, options.withSeed(99))).isNotEqualTo(first);
        }
    }

    /** A one-value history holding a comma is the cell the reader takes for a wrong delimiter, unless escaped. */
    @Test
    void writesACategoryHoldingSeparatorsAsAnEscapedValueThatReadsBack() throws IOException {
        ItemCatalog catalog = new ItemCatalog(new LinkedHashMap<>(Map.of(
                "B01", "Bags, Cases & Sleeves", "B02", "Cables; Adapters", "B03", "50% off")));
        String log = "u1\tB01\t0\t1\nu1\tB02\t0\t2\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        BuildResult result = SamplesBuilder.build(InteractionLogReader.read(stream(log), InteractionFormat.MOVIELENS),
                catalog, BuildOptions.defaults(BuildProtocol.NEXT_ITEM), out);
        List<SampleRow> rows = new ArrayList<>();
        new SamplesReader(result.schema()).read(new ByteArrayInputStream(out.toByteArray()), rows::add);

        assertThat(rows).extracting(SamplesBuilderTest::describe).containsExactly(
                "u1 B02 Cables%3B Adapters [B01] [Bags%2C Cases & Sleeves] 1",
                "u1 B03 50%25 off [B01] [Bags%2C Cases & Sleeves] 0");
        assertThat(CellValues.rawText(rows.get(0).sequences()[1].value(0))).isEqualTo("Bags, Cases & Sleeves");
    }

    @Test
    void refusesTextNoCellCanHoldNamingTheRowAndTheValue() {
        Map<String, String> categories = new LinkedHashMap<>(Map.of("i1", "A", "i2", ""));
        List<Interaction> log = List.of(new Interaction(1, "u1", "i1", 1, 5),
                new Interaction(2, "u\uD800", "i1", 2, 5));

        DataFormatException e = catchThrowableOfType(DataFormatException.class, () -> SamplesBuilder.build(log,
                new ItemCatalog(categories), BuildOptions.defaults(BuildProtocol.NEXT_ITEM),
                new ByteArrayOutputStream()));

        assertThat(e.errors()).containsExactly(
                new RowError(0, "category",
                        "the category '' of item 'i2' is empty, and a history holds no empty value"),
                new RowError(2, "user", "the user id 'u\uD800' is not well-formed Unicode text (it holds an unpaired"
                        + " surrogate)"));
    }

    @Test
    void anItemsFileNamesTheLineOfACategoryTooLongForAHistory() {
        String items = "i1,A\ni2," + "x".repeat(CellValues.MAX_SEQUENCE_VALUE_CHARS + 1) + "\ni3,\n";

        DataFormatException e = catchThrowableOfType(DataFormatException.class,
                () -> ItemCatalogReader.delimited(stream(items), ',', false, StandardCharsets.UTF_8));

        assertThat(e.errors()).extracting(RowError::row, RowError::column)
                .containsExactly(tuple(2L, "category"), tuple(3L, "category"));
        assertThat(e.errors().get(0).reason()).endsWith("characters long as a sequence value, more than the "
                + CellValues.MAX_SEQUENCE_VALUE_CHARS + " that fit a full history in one cell");
    }

    @Test
    void readsACsvItemsFileWhoseQuotedCategoriesHoldCommas() throws IOException {
        String items = "item,category,title\nB01,\"Bags, Cases & Sleeves\",Sleeve\n\nB02, Cables \nB03\n";

        DataFormatException e = catchThrowableOfType(DataFormatException.class,
                () -> ItemCatalogReader.csv(stream(items), TextLimit.NONE));
        ItemCatalog catalog = ItemCatalogReader.csv(stream(items.replace("B03\n", "")), TextLimit.NONE);

        assertThat(e.errors()).containsExactly(
                new RowError(5, null, "expected item and category separated by ',', got 1 field"));
        assertThat(catalog.categoryByItem()).containsExactly(Map.entry("B01", "Bags, Cases & Sleeves"),
                Map.entry("B02", "Cables"));
        assertThat(catalog.descriptionOf("B01").title()).isEqualTo("Sleeve");
        assertThat(catalog.descriptionOf("B02")).as("an empty title is no title").isEqualTo(ItemDescription.NONE);
    }

    @Test
    void aBuildDescribesEveryItemAsTheSamplesNameIt() throws IOException {
        String items = "item,category,title,brand\nB01,\"Bags, Cases & Sleeves\",Sleeve,Acme\nB02,Cables,,\n";
        ItemCatalog catalog = ItemCatalogReader.csv(stream(items), TextLimit.NONE);
        List<Interaction> log = InteractionLogReader.read(stream("user,item,timestamp\nu1,B01,1\nu1,B02,2\n"),
                InteractionFormat.csv(false));

        BuildResult result = SamplesBuilder.build(log, catalog, BuildOptions.defaults(BuildProtocol.NEXT_ITEM),
                new ByteArrayOutputStream());

        assertThat(result.items()).containsExactly(
                new CatalogItem("B01", "Sleeve", "Bags%2C Cases & Sleeves", Map.of("brand", "Acme")),
                new CatalogItem("B02", null, "Cables", Map.of()));
    }

    @Test
    void namesTheLineAndFieldOfAMalformedLogLine() {
        String log = "u1\ti1\t5\t100\nu1\ti2\n\ti3\t4\t100\nu1\ti3\tgood\t100\nu1\ti3\t4\tyesterday\n";

        DataFormatException e = catchThrowableOfType(DataFormatException.class, () -> InteractionLogReader.read(
                new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), InteractionFormat.MOVIELENS));

        assertThat(e.errors()).extracting(RowError::row, RowError::column).containsExactly(
                tuple(2L, null), tuple(3L, "user"),
                tuple(4L, "rating"),
                tuple(5L, "timestamp"));
        assertThat(e.errors().get(0).reason()).isEqualTo("has 2 fields, expected at least 4 separated by '\\t'");
        assertThat(e.errors().get(3).reason())
                .isEqualTo("expected an integer or an ISO-8601 instant, got 'yesterday'");
    }

    @Test
    void rejectsAnItemMissingFromTheCatalogAndALogWithoutRatings() throws IOException {
        List<Interaction> unknownItem = InteractionLogReader.read(
                stream("u1\ti1\t5\t100\nu1\ti99\t5\t200\n"), InteractionFormat.MOVIELENS);
        List<Interaction> noRatings = InteractionLogReader.read(
                stream("user,item,timestamp\nu1,i1,2024-01-01T00:00:00Z\n"), InteractionFormat.csv(false));

        assertThat(catchThrowableOfType(DataFormatException.class, () -> SamplesBuilder.build(unknownItem, CATALOG,
                BuildOptions.defaults(BuildProtocol.NEXT_ITEM), new ByteArrayOutputStream())).errors())
                .containsExactly(new RowError(2, "item", "item 'i99' is not in the items file"));
        assertThat(noRatings.get(0).timestamp()).isEqualTo(1704067200L);
        assertThat(catchThrowableOfType(DataFormatException.class, () -> SamplesBuilder.build(noRatings, CATALOG,
                BuildOptions.defaults(BuildProtocol.RATING_THRESHOLD), new ByteArrayOutputStream())).errors())
                .containsExactly(new RowError(2, "rating", "RATING_THRESHOLD needs a rating on every event"));
    }

    @Test
    void readsAMovieLensStyleItemsFileAndRejectsBrokenLines() throws IOException {
        String flags = "|0|0|1|1" + "|0".repeat(15);
        String items = "1|Toy Story (1995)|01-Jan-1995||http://x" + flags + "\n"
                + "2|Caf\u00e9 (1995)|01-Jan-1995||http://x|1" + "|0".repeat(18) + "\n";

        ItemCatalog catalog = ItemCatalogReader.movieLens(
                new ByteArrayInputStream(items.getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(catalog.categoryByItem()).containsExactly(Map.entry("1", "Adventure"), Map.entry("2", "unknown"));
        assertThat(catalog.descriptionOf("1")).isEqualTo(new ItemDescription("Toy Story (1995)", Map.of(
                "releaseDate", "01-Jan-1995", "imdbUrl", "http://x", "genres", "Adventure|Animation")));
        assertThat(catalog.descriptionOf("2").title()).isEqualTo("Caf\u00e9 (1995)");
        DataFormatException e = catchThrowableOfType(DataFormatException.class, () -> ItemCatalogReader.movieLens(
                stream("1|Toy Story|||x|0|0\n1|Toy Story|||x" + flags + "\n3|Heat|||x|2" + "|0".repeat(18) + "\n")));
        assertThat(e.errors()).extracting(RowError::row).containsExactly(1L, 3L);
        assertThat(e.errors().get(1).column()).isEqualTo("genre unknown");
    }

    private record Built(BuildResult result, List<SampleRow> rows) {
    }

    private static Built build(String log, BuildOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BuildResult result = SamplesBuilder.build(InteractionLogReader.read(stream(log), InteractionFormat.MOVIELENS),
                CATALOG, options, out);
        List<SampleRow> rows = new ArrayList<>();
        new SamplesReader(result.schema()).read(new ByteArrayInputStream(out.toByteArray()), rows::add);
        return new Built(result, rows);
    }

    private static String csv(String log, ItemCatalog catalog, BuildOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SamplesBuilder.build(InteractionLogReader.read(stream(log), InteractionFormat.MOVIELENS), catalog, options,
                out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** user item category [history items] [history categories] label */
    private static String describe(SampleRow row) {
        return String.join(" ", row.categorical()) + " " + row.sequences()[0] + " " + row.sequences()[1] + " "
                + row.label();
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
