package io.dinplatform.core.data.parquet;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads a Parquet file (as Spark or Hive write it) record by record as text fields, the way {@code CsvRecordReader}
 * reads CSV: the first record is the header (the top-level column names), each later one a row's values, so that
 * the same schema and the same checks apply to both formats. A missing value is the empty string; a list (a
 * behaviour sequence) is its elements joined by the sequence delimiter; a boolean is {@code 1} or {@code 0}.
 *
 * <p>parquet-java reads row group by row group: at most one row group's pages are in memory.
 */
public final class ParquetRecordReader implements Closeable {

    /** The four bytes a Parquet file begins (and ends) with. */
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

    private final ParquetFileReader file;
    private final MessageType schema;
    private final MessageColumnIO columns;
    private final char listDelimiter;
    private final StringBuilder list = new StringBuilder();
    private RecordReader<Group> records;
    private long rowsLeftInGroup;
    private long recordNumber = -1;

    /**
     * @param listDelimiter what joins the elements of a list value (the schema's sequence delimiter)
     * @throws ParquetFormatException when the file is not a readable Parquet file
     */
    public ParquetRecordReader(Path path, char listDelimiter) throws IOException {
        try {
            this.file = ParquetFileReader.open(new LocalInputFile(path),
                    ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
        } catch (IOException | RuntimeException e) {
            // parquet-java names the file by its InputFile object's identity, which tells a user nothing
            String reason = String.valueOf(e.getMessage()).replaceAll("\\S*LocalInputFile@\\S+ ", "the file ");
            throw new ParquetFormatException("the file begins like Parquet but is not a readable Parquet file: "
                    + reason, e);
        }
        this.schema = file.getFooter().getFileMetaData().getSchema();
        this.columns = new ColumnIOFactory().getColumnIO(schema);
        this.listDelimiter = listDelimiter;
    }

    /** Whether content that begins with these bytes is a Parquet file. */
    public static boolean isParquet(byte[] head, int length) {
        return length >= MAGIC.length && Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    public static int magicLength() {
        return MAGIC.length;
    }

    /** The header first, then one record per row; null after the last row. */
    public String[] next() throws IOException {
        if (recordNumber == -1) {
            recordNumber = 0;
            return schema.getFields().stream().map(Type::getName).toArray(String[]::new);
        }
        try {
            while (rowsLeftInGroup == 0) {
                PageReadStore pages = file.readNextRowGroup();
                if (pages == null) {
                    return null;
                }
                records = columns.getRecordReader(pages, new GroupRecordConverter(schema));
                rowsLeftInGroup = pages.getRowCount();
            }
            Group row = records.read();
            rowsLeftInGroup--;
            recordNumber++;
            return fields(row);
        } catch (RuntimeException e) {
            throw new ParquetFormatException("row " + (recordNumber + 1) + " of the Parquet file cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** The number of the last record {@link #next} returned: 0 for the header, 1 for the first row. */
    public long recordNumber() {
        return recordNumber;
    }

    private String[] fields(Group row) {
        List<Type> fields = schema.getFields();
        String[] values = new String[fields.size()];
        for (int i = 0; i < values.length; i++) {
            Type field = fields.get(i);
            if (row.getFieldRepetitionCount(i) == 0) {
                values[i] = "";
            } else if (field.isPrimitive()) {
                values[i] = text(row, i, field.asPrimitiveType());
            } else {
                list.setLength(0);
                appendLeaves(row.getGroup(i, 0), field.asGroupType());
                values[i] = list.toString();
            }
        }
        return values;
    }

    /** Every primitive value below a group (a list's elements, in order), joined by the list delimiter. */
    private void appendLeaves(Group group, GroupType type) {
        for (int f = 0; f < type.getFieldCount(); f++) {
            Type field = type.getType(f);
            for (int r = 0; r < group.getFieldRepetitionCount(f); r++) {
                if (field.isPrimitive()) {
                    if (!list.isEmpty()) {
                        list.append(listDelimiter);
                    }
                    list.append(text(group, f, field.asPrimitiveType()));
                } else {
                    appendLeaves(group.getGroup(f, r), field.asGroupType());
                }
            }
        }
    }

    private static String text(Group group, int field, PrimitiveType type) {
        return switch (type.getPrimitiveTypeName()) {
            case BINARY, FIXED_LEN_BYTE_ARRAY -> group.getString(field, 0);
            case INT32 -> Integer.toString(group.getInteger(field, 0));
            case INT64 -> Long.toString(group.getLong(field, 0));
            case FLOAT -> Float.toString(group.getFloat(field, 0));
            case DOUBLE -> Double.toString(group.getDouble(field, 0));
            case BOOLEAN -> group.getBoolean(field, 0) ? "1" : "0";
            case INT96 -> group.getValueToString(field, 0);
        };
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
