package io.dinplatform.core.data.csv;

import io.dinplatform.core.data.DataFormatException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CsvRecordReaderTest {

    @Test
    void readsQuotedFieldsWithCommasLineBreaksAndDoubledQuotes() throws IOException {
        String csv = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n1,,3";

        List<String[]> records = readAll(csv);

        assertThat(records).hasSize(3);
        assertThat(records.get(0)).containsExactly("a", "b", "c");
        assertThat(records.get(1)).containsExactly("x, y", "say \"hi\"", "two\nlines");
        assertThat(records.get(2)).as("the last line needs no line break").containsExactly("1", "", "3");
    }

    @Test
    void dropsAByteOrderMarkAndAcceptsCarriageReturnsAlone() throws IOException {
        assertThat(readAll("\uFEFFa,b\r1,2\r")).containsExactly(new String[] {"a", "b"}, new String[] {"1", "2"});
    }

    @Test
    void countsRecordsAndLinesAcrossQuotedLineBreaks() throws IOException {
        CsvRecordReader reader = new CsvRecordReader(new StringReader("h\n\"a\nb\"\nc\n"));
        reader.next();
        reader.next();
        reader.next();

        assertThat(reader.recordNumber()).isEqualTo(2);
        assertThat(reader.recordLine()).isEqualTo(4);
        assertThat(reader.next()).isNull();
    }

    @Test
    void rejectsAnUnterminatedQuote() {
        DataFormatException e = catchThrowableOfType(DataFormatException.class, () -> readAll("a,b\n1,\"open\n2,3\n"));

        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.row()).isEqualTo(1);
            assertThat(error.reason()).contains("quoted field opened on line 2 is never closed");
        });
    }

    @Test
    void rejectsTextAfterAClosingQuote() {
        DataFormatException e = catchThrowableOfType(DataFormatException.class, () -> readAll("a,b\n\"x\"y,2\n"));

        assertThat(e.errors().get(0).reason()).contains("unexpected character 'y' after the closing quote");
        assertThat(e.errors().get(0).row()).isEqualTo(1);
    }

    @Test
    void theWriterQuotesOnlyWhatNeedsItAndRoundTrips() throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter writer = new CsvWriter(out);
        writer.writeRecord("plain", "with,comma", "with \"quote\"", "two\nlines", "");
        writer.flush();

        assertThat(out.toString()).isEqualTo("plain,\"with,comma\",\"with \"\"quote\"\"\",\"two\nlines\",\n");
        assertThat(readAll(out.toString()).get(0))
                .containsExactly("plain", "with,comma", "with \"quote\"", "two\nlines", "");
    }

    private static List<String[]> readAll(String csv) throws IOException {
        CsvRecordReader reader = new CsvRecordReader(new StringReader(csv));
        List<String[]> records = new ArrayList<>();
        for (String[] record = reader.next(); record != null; record = reader.next()) {
            records.add(record);
        }
        return records;
    }
}
