package io.dinplatform.core.data.samples;

import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.GroupSplitter;
import io.dinplatform.core.data.RowError;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.csv.TextLimit;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SamplesReaderTest {

    static final FeatureSchema SCHEMA = new FeatureSchema("label", "user_id", "split", null, List.of(
            FeatureSpec.categorical("user_id"), FeatureSpec.categorical("item_id"),
            FeatureSpec.categorical("cate_id"), FeatureSpec.sequence("hist_item_id", "item_id", 3),
            FeatureSpec.sequence("hist_cate_id", "cate_id", 3), FeatureSpec.numeric("price")));

    static final String HEADER = "user_id,item_id,cate_id,hist_item_id,hist_cate_id,price,label,split\n";

    @Test
    void readsGoodRowsWithRawValues() throws IOException {
        String csv = HEADER
                + "u1,i9,c2,i1|i2|i3,c1|c1|c2,9.5,1,train\n"
                + "u2,i7,c1,,,,0,TEST\n";

        List<SampleRow> rows = read(SCHEMA, csv);

        assertThat(rows).hasSize(2);
        SampleRow first = rows.get(0);
        assertThat(first.row()).isEqualTo(1);
        assertThat(first.label()).isEqualTo(1);
        assertThat(first.split()).isEqualTo(Split.TRAIN);
        assertThat(first.group()).isEqualTo("u1");
        assertThat(first.categorical()).containsExactly("u1", "i9", "c2");
        assertThat(first.sequences()[0].values()).containsExactly("i1", "i2", "i3");
        assertThat(first.sequences()[1].values()).containsExactly("c1", "c1", "c2");
        assertThat(first.numeric()).containsExactly(9.5f);
        SampleRow second = rows.get(1);
        assertThat(second.split()).isEqualTo(Split.TEST);
        assertThat(second.historyLength()).isZero();
        assertThat(second.numeric()[0]).as("a missing number").isNaN();
    }

    @Test
    void readsGzipRecognisedByItsMagicBytes() throws IOException {
        String csv = HEADER + "u1,i9,c2,i1|i2,c1|c1,1,1,valid\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(csv.getBytes(StandardCharsets.UTF_8));
        }

        List<SampleRow> rows = new ArrayList<>();
        new SamplesReader(SCHEMA).read(new ByteArrayInputStream(bytes.toByteArray()), rows::add);

        assertThat(rows).singleElement().satisfies(r -> assertThat(r.sequences()[0].values()).containsExactly("i1", "i2"));
    }

    @Test
    void reportsACorruptGzip() {
        byte[] broken = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3};

        DataFormatException e = catchThrowableOfType(DataFormatException.class,
                () -> new SamplesReader(SCHEMA).read(new ByteArrayInputStream(broken), r -> { }));

        assertThat(e.errors().get(0).reason()).contains("corrupt");
    }

    @Test
    void refusesAGzipWhoseTextIsLongerThanTheReadersLimitAfterReadingOnlyThatMuch() throws IOException {
        String row = "u1,i9,c2,i1|i2,c1|c1,1,1,valid\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(HEADER.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 100_000; i++) {
                gzip.write(row.getBytes(StandardCharsets.UTF_8));
            }
        }
        List<SampleRow> rows = new ArrayList<>();
        SamplesReader limited = new SamplesReader(SCHEMA, GroupSplitter.DEFAULT, new TextLimit(64 * 1024, "max-text"));

        DataFormatException e = catchThrowableOfType(DataFormatException.class,
                () -> limited.read(new ByteArrayInputStream(bytes.toByteArray()), rows::add));

        assertThat(e.errors()).singleElement().satisfies(error -> assertThat(error.reason())
                .contains(String.valueOf(64 * 1024)).contains("max-text"));
        assertThat(rows.size() * (long) row.length()).as("text read before the refusal").isLessThan(64 * 1024);
    }

    @Test
    void readsTheFuxiCtrCaretDelimiter() throws IOException {
        FeatureSchema caret = new FeatureSchema("label", null, null, "^", SCHEMA.features());
        String csv = HEADER.replace(",split", "") + "u1,i9,c2,i1^i2,c1^c1,1,0\n";

        List<SampleRow> rows = read(caret, csv);

        assertThat(rows.get(0).sequences()[0].values()).containsExactly("i1", "i2");
        assertThat(rows.get(0).split()).as("split by the hash of the group").isNotNull();
    }

    @Test
    void namesEveryMissingColumn() {
        String csv = "user_id,item_id,hist_item_id,price\nu1,i1,i2,1\n";

        assertThat(errors(SCHEMA, csv)).extracting(RowError::row, RowError::column).containsExactlyInAnyOrder(
                Tuple.tuple(0L, "label"), Tuple.tuple(0L, "split"),
                Tuple.tuple(0L, "cate_id"),
                Tuple.tuple(0L, "hist_cate_id"));
        assertThat(errors(SCHEMA, csv).get(0).reason()).contains("missing from the header");
    }

    @Test
    void hintsAtASemicolonSeparatedFile() {
        String csv = HEADER.replace(',', ';') + "u1;i1\n";

        assertThat(errors(SCHEMA, csv)).anySatisfy(e -> assertThat(e.reason())
                .contains("columns seem separated by ';', but a samples file separates columns with ','"));
    }

    @Test
    void rejectsAnEmptyFileAndAHeaderOnlyFile() {
        assertThat(errors(SCHEMA, "")).singleElement().satisfies(e -> {
            assertThat(e.row()).isZero();
            assertThat(e.reason()).contains("the file is empty");
        });
        assertThat(errors(SCHEMA, HEADER)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("header but no data rows"));
    }

    @Test
    void reportsEachBadCellWithItsRowAndColumn() {
        String csv = HEADER
                + "u1,i1,c1,i1,c1,1,1,train\n"
                + "u1,i1,c1,i1,c1,1,2,train\n"
                + "u1,i1,c1,i1,c1,abc,1,train\n"
                + "u1,i1,c1,i1,c1,Infinity,1,train\n"
                + "u1,i1,c1,i1,c1,1e39,1,train\n"
                + "u1,i1,c1,i1,c1,1,1,later\n"
                + "u1,i1,c1,i1|i2,c1,1,1,train\n"
                + "u1,i1,c1,i1,c1,1,1\n"
                + "u1,i1,c1,\"i1,i2\",c1|c2,1,1,train\n"
                + "u1,i1,c1,i1||i3,c1|c2|c3,1,1,train\n"
                + "u1,i1,c1,i1,c1,1,yes,train\n";

        assertThat(errors(SCHEMA, csv)).extracting(RowError::row, RowError::column, RowError::reason).containsExactly(
                tuple(2, "label", "the label must be 0 or 1, got '2'"),
                tuple(3, "price", "not a number: 'abc'"),
                tuple(4, "price", "the number must be finite, got 'Infinity'"),
                tuple(5, "price", "the number must be finite, got '1e39'"),
                tuple(6, "split", "the split must be train, valid or test, got 'later'"),
                tuple(7, "hist_cate_id", "has 1 values but 'hist_item_id' has 2: all sequences of a row describe "
                        + "the same history and must have equal length"),
                tuple(8, null, "has 7 fields but the header has 8"),
                tuple(9, "hist_item_id", "the sequence 'i1,i2' looks separated by ',' but the schema's "
                        + "sequenceDelimiter is '|'"),
                tuple(10, "hist_item_id", "empty value at position 2 of the sequence 'i1||i3' (two delimiters in "
                        + "a row, or one at an end)"),
                tuple(11, "label", "the label must be 0 or 1, got 'yes'"));
    }

    @Test
    void recognisesACaretFileReadWithThePipeDelimiter() {
        String csv = HEADER + "u1,i1,c1,i1^i2^i3,c1^c2^c3,1,1,train\n";

        assertThat(errors(SCHEMA, csv)).first().satisfies(e -> assertThat(e.reason())
                .isEqualTo("the sequence 'i1^i2^i3' looks separated by '^' but the schema's sequenceDelimiter is '|'"));
    }

    @Test
    void stopsAfterAHundredErrorsAndGivesNoRowToAnyone() {
        StringBuilder csv = new StringBuilder(HEADER).append("u1,i1,c1,i1,c1,1,1,train\n");
        for (int r = 0; r < 500; r++) {
            csv.append("u1,i1,c1,i1,c1,1,7,train\n");
        }
        List<SampleRow> delivered = new ArrayList<>();

        DataFormatException e = catchThrowableOfType(DataFormatException.class, () -> new SamplesReader(SCHEMA)
                .read(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), delivered::add));

        assertThat(e.errors()).hasSize(DataFormatException.MAX_REPORTED_ERRORS);
        assertThat(e.truncated()).isTrue();
        assertThat(e.errors().get(99).row()).isEqualTo(101);
        assertThat(e.getMessage()).startsWith("at least 100 problems in the data: row 2, column 'label'");
        assertThat(delivered).as("the good first row was read before any error").hasSize(1);
    }

    @Test
    void skipsBlankLinesButKeepsRowNumbersAsInTheFile() {
        String csv = HEADER + "u1,i1,c1,i1,c1,1,1,train\n\nu1,i1,c1,i1,c1,1,5,train\n";

        assertThat(errors(SCHEMA, csv)).singleElement().satisfies(e -> assertThat(e.row()).isEqualTo(3));
    }

    @Test
    void rejectsBytesThatAreNotUtf8() {
        byte[] latin1 = (HEADER + "u1,Caf\u00e9,c1,i1,c1,1,1,train\n").getBytes(StandardCharsets.ISO_8859_1);

        DataFormatException e = catchThrowableOfType(DataFormatException.class,
                () -> new SamplesReader(SCHEMA).read(new ByteArrayInputStream(latin1), r -> { }));

        assertThat(e.errors().get(0).reason()).contains("not UTF-8 text");
    }

    @Test
    void allowsColumnsTheSchemaDoesNotNameAndQuotedCells() throws IOException {
        String csv = "comment," + HEADER + "\"hello, world\",u1,i1,c1,\"i1|i2\",c1|c2,1,0,valid\n";

        assertThat(read(SCHEMA, csv)).singleElement().satisfies(r -> assertThat(r.label()).isZero());
    }

    static List<SampleRow> read(FeatureSchema schema, String csv) throws IOException {
        List<SampleRow> rows = new ArrayList<>();
        new SamplesReader(schema).read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), rows::add);
        return rows;
    }

    static List<RowError> errors(FeatureSchema schema, String csv) {
        DataFormatException e = catchThrowableOfType(DataFormatException.class, () -> read(schema, csv));
        assertThat(e).as("the file should be rejected").isNotNull();
        return e.errors();
    }

    private static Tuple tuple(long row, String column, String reason) {
        return Tuple.tuple(row, column, reason);
    }
}
