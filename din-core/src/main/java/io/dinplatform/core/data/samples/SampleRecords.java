package io.dinplatform.core.data.samples;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.csv.CsvRecordReader;
import io.dinplatform.core.data.csv.TextInput;
import io.dinplatform.core.data.csv.TextLimit;
import io.dinplatform.core.data.parquet.ParquetRecordReader;

/**
 * The records of a samples file in either format, as text fields: first the header, then one record per row. CSV
 * (plain or gzipped) streams; Parquet, recognised by its first bytes, is read by {@link ParquetRecordReader}, from a
 * temporary copy when it arrives as a stream, since its footer comes last.
 */
public interface SampleRecords extends Closeable {

    /** The header first, then the records; null at the end. */
    String[] next() throws IOException;

    /** The number of the last record: 0 for the header, 1 for the first data record. */
    long recordNumber();

    /**
     * Opens a stream of a samples file. The stream is read, not closed; for Parquet it is read to its end at once.
     *
     * @param limit         the most text (CSV) or bytes (Parquet) the content may have
     * @param listDelimiter what joins a Parquet list's elements (the schema's sequence delimiter)
     */
    static SampleRecords open(InputStream in, TextLimit limit, char listDelimiter) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(ParquetRecordReader.magicLength());
        byte[] head = buffered.readNBytes(ParquetRecordReader.magicLength());
        buffered.reset();
        if (!ParquetRecordReader.isParquet(head, head.length)) {
            CsvRecordReader csv = new CsvRecordReader(TextInput.reader(buffered, StandardCharsets.UTF_8, limit));
            return new SampleRecords() {
                @Override
                public String[] next() throws IOException {
                    return csv.next();
                }

                @Override
                public long recordNumber() {
                    return csv.recordNumber();
                }

                @Override
                public void close() {
                    // the caller owns the stream
                }
            };
        }
        Path copy = Files.createTempFile("din-samples-", ".parquet");
        try {
            try (OutputStream out = Files.newOutputStream(copy)) {
                long copied = buffered.transferTo(out);
                if (copied > limit.maxBytes()) {
                    throw DataFormatException.of(0, null, "the Parquet file has more than " + limit.maxBytes()
                            + " bytes (setting " + limit.setting() + ")");
                }
            }
            return parquet(copy, listDelimiter, true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    /** Opens a samples file on disk: Parquet is read in place, CSV streamed. */
    static SampleRecords open(Path file, TextLimit limit, char listDelimiter) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(ParquetRecordReader.magicLength());
        }
        if (ParquetRecordReader.isParquet(head, head.length)) {
            return parquet(file, listDelimiter, false);
        }
        InputStream in = Files.newInputStream(file);
        SampleRecords csv = open(in, limit, listDelimiter);
        return new SampleRecords() {
            @Override
            public String[] next() throws IOException {
                return csv.next();
            }

            @Override
            public long recordNumber() {
                return csv.recordNumber();
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    private static SampleRecords parquet(Path file, char listDelimiter, boolean temporary) throws IOException {
        ParquetRecordReader parquet = new ParquetRecordReader(file, listDelimiter);
        return new SampleRecords() {
            @Override
            public String[] next() throws IOException {
                return parquet.next();
            }

            @Override
            public long recordNumber() {
                return parquet.recordNumber();
            }

            @Override
            public void close() throws IOException {
                try {
                    parquet.close();
                } finally {
                    if (temporary) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        };
    }
}
