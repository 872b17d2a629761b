package io.dinplatform.api.dataset;

import java.util.ArrayList;
import java.util.List;

import io.dinplatform.core.data.csv.TextLimit;
import io.dinplatform.core.data.items.ItemLimit;
import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import io.dinplatform.core.schema.InvalidSchemaException;
import io.dinplatform.core.schema.SchemaProblem;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one dataset may hold ({@code din.datasets.*}), so that one upload cannot exhaust the machine that checks
 * it or the worker that trains on it. The upload's own size is {@code din.datasets.max-upload-size}
 * ({@link io.dinplatform.api.error.UploadLimits}); a gzipped upload is also bounded once decompressed, which is
 * what stops a gzip bomb.
 *
 * @param maxRows             the most samples (data rows) in one version
 * @param maxColumns          the most features one schema may declare
 * @param maxSequenceLength   the largest {@code maxLength} of a behaviour sequence (din-core refuses more than 1000
 *                            anyway: the setting can only lower that)
 * @param maxUncompressedSize the most bytes a (gzipped) upload or raw log may expand to
 * @param maxItems            the most rows of a version's items table (an upload's items part, a build's items file)
 */
@ConfigurationProperties("din.datasets")
public record DatasetLimits(
        @DefaultValue("50000000") long maxRows,
        @DefaultValue("256") int maxColumns,
        @DefaultValue("1000") int maxSequenceLength,
        @DefaultValue("16GB") DataSize maxUncompressedSize,
        @DefaultValue("2000000") int maxItems) {

    public DatasetLimits {
        if (maxRows < 1 || maxColumns < 1 || maxSequenceLength < 1 || maxUncompressedSize.toBytes() < 1
                || maxItems < 1) {
            throw new IllegalArgumentException("din.datasets.max-rows, max-columns, max-sequence-length, "
                    + "max-uncompressed-size and max-items must be positive");
        }
    }

    /** The bound on an upload's or raw log's text once decompressed, as din-core's readers take it. */
    TextLimit textLimit() {
        return new TextLimit(maxUncompressedSize.toBytes(), "din.datasets.max-uncompressed-size");
    }

    /** The bound on a version's items table, as din-core's items reader takes it. */
    ItemLimit itemLimit() {
        return new ItemLimit(maxItems, "din.datasets.max-items");
    }

    /** Refuses a schema beyond the limits, naming each field and the setting (422 like any schema problem). */
    void check(FeatureSchema schema) {
        List<SchemaProblem> problems = new ArrayList<>();
        if (schema.features().size() > maxColumns) {
            problems.add(new SchemaProblem("features", schema.features().size() + " given but at most " + maxColumns
                    + " are allowed (setting din.datasets.max-columns)"));
        }
        for (int i = 0; i < schema.features().size(); i++) {
            FeatureSpec feature = schema.features().get(i);
            if (feature.kind() == FeatureKind.SEQUENCE && feature.maxLength() != null
                    && feature.maxLength() > maxSequenceLength) {
                problems.add(new SchemaProblem("features[" + i + "].maxLength", feature.maxLength()
                        + " is more than the allowed " + maxSequenceLength
                        + " (setting din.datasets.max-sequence-length)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSchemaException(problems);
        }
    }
}
