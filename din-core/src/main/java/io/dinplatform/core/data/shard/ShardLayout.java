package io.dinplatform.core.data.shard;

import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Arrow schema of the shards of one feature schema (the contract {@link ShardCodec} documents): the columns in
 * order, their names and types, and the metadata a reader verifies before it uses a row.
 */
final class ShardLayout {

    /** The label column, int8 0 or 1 (a feature may be called "label", so the special columns start with '$'). */
    static final String LABEL = "$label";
    /** The dense group id column, int32. */
    static final String GROUP = "$group";
    /** The items of a sequence column's list type. */
    static final String ITEM = "item";
    /** Schema metadata: the shard format's version. */
    static final String FORMAT_KEY = "din.shard.format";
    /** Schema metadata: the rows of the record batch. */
    static final String ROWS_KEY = "din.shard.rows";
    /** Field metadata of a feature column: its kind. */
    static final String KIND_KEY = "din.feature.kind";
    /** Field metadata of a sequence column: the categorical feature whose vocabulary its indices belong to. */
    static final String TARGET_KEY = "din.feature.target";

    static final ArrowType LABEL_TYPE = new ArrowType.Int(8, true);
    static final ArrowType INDEX_TYPE = new ArrowType.Int(32, true);
    static final ArrowType NUMERIC_TYPE = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);

    private final List<Field> fields;

    private ShardLayout(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    /**
     * @throws IllegalArgumentException when a feature is named like a special column ({@link #LABEL}, {@link #GROUP})
     */
    static ShardLayout of(FeatureSchema schema) {
        List<Field> fields = new ArrayList<>();
        fields.add(Field.notNullable(LABEL, LABEL_TYPE));
        fields.add(Field.notNullable(GROUP, INDEX_TYPE));
        for (FeatureSpec feature : schema.categorical()) {
            fields.add(feature(feature, INDEX_TYPE, Map.of(KIND_KEY, feature.kind().name()), List.of()));
        }
        for (FeatureSpec feature : schema.sequences()) {
            fields.add(feature(feature, ArrowType.List.INSTANCE,
                    Map.of(KIND_KEY, feature.kind().name(), TARGET_KEY, feature.target()),
                    List.of(Field.notNullable(ITEM, INDEX_TYPE))));
        }
        for (FeatureSpec feature : schema.numeric()) {
            fields.add(feature(feature, NUMERIC_TYPE, Map.of(KIND_KEY, feature.kind().name()), List.of()));
        }
        return new ShardLayout(fields);
    }

    private static Field feature(FeatureSpec feature, ArrowType type, Map<String, String> metadata,
            List<Field> children) {
        if (feature.name().equals(LABEL) || feature.name().equals(GROUP)) {
            throw new IllegalArgumentException("a feature named " + feature.name() + " cannot be stored in shards: "
                    + "the name is the shards' own column");
        }
        return new Field(feature.name(), new FieldType(false, type, null, metadata), children);
    }

    /** The schema of a shard of this many rows. */
    Schema schema(int rows) {
        return new Schema(fields, Map.of(FORMAT_KEY, Integer.toString(ShardCodec.VERSION),
                ROWS_KEY, Integer.toString(rows)));
    }

    /**
     * Checks a file's schema against this layout (every column present, in order, with its type and metadata, and
     * the format's version) and returns the row count its metadata declares.
     */
    int verify(Schema actual) throws InvalidShardException {
        Map<String, String> metadata = actual.getCustomMetadata() == null ? Map.of() : actual.getCustomMetadata();
        String format = metadata.get(FORMAT_KEY);
        if (!Integer.toString(ShardCodec.VERSION).equals(format)) {
            throw new InvalidShardException("its format version is " + format + ", not " + ShardCodec.VERSION);
        }
        List<Field> columns = actual.getFields();
        for (int i = 0; i < fields.size(); i++) {
            Field expected = fields.get(i);
            if (i >= columns.size()) {
                throw new InvalidShardException("column " + expected.getName() + " is missing (the file has "
                        + columns.size() + " columns)");
            }
            if (!expected.equals(columns.get(i))) {
                throw new InvalidShardException("column " + (i + 1) + " is " + columns.get(i) + ", expected "
                        + expected);
            }
        }
        if (columns.size() != fields.size()) {
            throw new InvalidShardException("it has " + columns.size() + " columns, the schema " + fields.size());
        }
        try {
            return Integer.parseInt(metadata.get(ROWS_KEY));
        } catch (NumberFormatException e) {
            throw new InvalidShardException("its metadata " + ROWS_KEY + " is not a row count: "
                    + metadata.get(ROWS_KEY));
        }
    }
}
