package io.dinplatform.tools.cli;

import io.dinplatform.core.data.csv.CsvRecordReader;
import io.dinplatform.core.data.csv.TextInput;
import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * A samples CSV rewritten as Parquet the way Spark writes such a table: the label an integer, numeric features
 * floats, behaviour sequences lists of strings, everything else strings; empty cells are nulls. For measuring the
 * Parquet reader against the CSV reader on the same rows.
 */
@Command(name = "parquet", mixinStandardHelpOptions = true,
        description = "Rewrite a samples CSV (plain or gzipped) as a Parquet file, sequences as lists.")
final class ParquetCommand implements Callable<Integer> {

    @Option(names = "--samples", required = true, description = "the samples CSV to read")
    Path samples;

    @Option(names = "--schema", required = true, description = "its schema JSON")
    Path schemaFile;

    @Option(names = "--out", required = true, description = "the Parquet file to write")
    Path out;

    @Option(names = "--codec", defaultValue = "SNAPPY", description = "compression: ${COMPLETION-CANDIDATES}; "
            + "default ${DEFAULT-VALUE} (Spark's)")
    CompressionCodecName codec;

    @Override
    public Integer call() throws Exception {
        FeatureSchema schema = FeatureSchemaJson.parse(Files.readString(schemaFile));
        Pattern delimiter = Pattern.compile(Pattern.quote(String.valueOf(schema.sequenceDelimiterChar())));
        Map<String, FeatureKind> kinds = new HashMap<>();
        schema.features().forEach(f -> kinds.put(f.name(), f.kind()));
        long rows = 0;
        try (InputStream in = Files.newInputStream(samples)) {
            CsvRecordReader csv = new CsvRecordReader(TextInput.reader(in, StandardCharsets.UTF_8));
            String[] header = csv.next();
            MessageType parquet = parquetSchema(header, schema, kinds);
            SimpleGroupFactory groups = new SimpleGroupFactory(parquet);
            Files.deleteIfExists(out);
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(out))
                    .withType(parquet).withConf(new PlainParquetConfiguration()).withCompressionCodec(codec).build()) {
                for (String[] cells = csv.next(); cells != null; cells = csv.next()) {
                    Group row = groups.newGroup();
                    for (int i = 0; i < header.length; i++) {
                        append(row, header[i], cells[i], header[i].equals(schema.label()) ? null : kinds.get(header[i]),
                                header[i].equals(schema.label()), delimiter);
                    }
                    writer.write(row);
                    rows++;
                }
            }
        }
        System.out.printf("{\"parquet\": \"%s\", \"rows\": %d, \"bytes\": %d}%n", out, rows, Files.size(out));
        return 0;
    }

    private static MessageType parquetSchema(String[] header, FeatureSchema schema, Map<String, FeatureKind> kinds) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (String column : header) {
            if (column.equals(schema.label())) {
                message.required(PrimitiveTypeName.INT32).named(column);
            } else if (kinds.get(column) == FeatureKind.SEQUENCE) {
                message.optionalList().optionalElement(PrimitiveTypeName.BINARY)
                        .as(LogicalTypeAnnotation.stringType()).named(column);
            } else if (kinds.get(column) == FeatureKind.NUMERIC) {
                message.optional(PrimitiveTypeName.FLOAT).named(column);
            } else {
                message.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(column);
            }
        }
        return message.named("samples");
    }

    private static void append(Group row, String column, String cell, FeatureKind kind, boolean label,
                               Pattern delimiter) {
        if (label) {
            row.append(column, Integer.parseInt(cell.trim()));
        } else if (kind == FeatureKind.SEQUENCE) {
            Group list = row.addGroup(column);
            if (!cell.isEmpty()) {
                for (String value : delimiter.split(cell)) {
                    list.addGroup(0).append("element", value);
                }
            }
        } else if (!cell.isBlank()) {
            if (kind == FeatureKind.NUMERIC) {
                row.append(column, Float.parseFloat(cell.trim()));
            } else {
                row.append(column, cell);
            }
        }
    }
}
