package io.dinplatform.core.data.stats;

import io.dinplatform.core.data.GroupSplitter;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatisticsCollectorTest {

    private static final FeatureSchema SCHEMA = new FeatureSchema("label", "user_id", "split", null, List.of(
            FeatureSpec.categorical("user_id"), FeatureSpec.categorical("item_id"),
            FeatureSpec.sequence("hist_item_id", "item_id", 3), FeatureSpec.numeric("price")));

    private static final String CSV = """
            user_id,item_id,hist_item_id,price,label,split
            u1,a,,1,1,train
            u1,b,a,,0,train
            u2,a,a|b|c|d,2,1,valid
            u3,,b|b,3,0,test
            u3,c,a|b|c|d|e|f|g|h|i,4,1,train
            """;

    @Test
    void describesAHandMadeFile() throws IOException {
        DatasetStatistics stats = StatisticsCollector.collect(SCHEMA, GroupSplitter.DEFAULT,
                new ByteArrayInputStream(CSV.getBytes(StandardCharsets.UTF_8)));

        assertThat(stats.rows()).isEqualTo(5);
        assertThat(stats.positives()).isEqualTo(3);
        assertThat(stats.positiveRate()).isEqualTo(0.6);
        assertThat(stats.distinctGroups()).isEqualTo(3);
        assertThat(stats.distinctValues()).containsExactly(Map.entry("user_id", 3L), Map.entry("item_id", 3L));
        assertThat(stats.missingValues()).containsExactly(Map.entry("user_id", 0L), Map.entry("item_id", 1L),
                Map.entry("hist_item_id", 1L), Map.entry("price", 1L));
        assertThat(stats.splitSizes()).containsExactly(Map.entry("train", 3L), Map.entry("valid", 1L),
                Map.entry("test", 1L));
        HistoryLengthStatistics lengths = stats.historyLength();
        assertThat(lengths.min()).isZero();
        assertThat(lengths.max()).isEqualTo(9);
        assertThat(lengths.mean()).isEqualTo((0 + 1 + 4 + 2 + 9) / 5.0);
        assertThat(lengths.p50()).isEqualTo(2);
        assertThat(lengths.p90()).isEqualTo(9);
        assertThat(lengths.p99()).isEqualTo(9);
        assertThat(lengths.maxLength()).isEqualTo(3);
        assertThat(lengths.rowsOverMax()).isEqualTo(2);
        assertThat(lengths.histogram()).hasSize(10)
                .allSatisfy(b -> assertThat(b.to()).isEqualTo(b.from()));
        assertThat(lengths.histogram().stream().mapToLong(HistogramBucket::rows).sum()).isEqualTo(5);
        assertThat(lengths.histogram().get(4).rows()).isEqualTo(1);
    }

    @Test
    void serialisesToCamelCaseJson() throws IOException {
        DatasetStatistics stats = StatisticsCollector.collect(SCHEMA, GroupSplitter.DEFAULT,
                new ByteArrayInputStream(CSV.getBytes(StandardCharsets.UTF_8)));

        String json = JsonMapper.builder().build().writeValueAsString(stats);

        assertThat(json).contains("\"positiveRate\":0.6", "\"distinctGroups\":3", "\"historyLength\":{",
                "\"rowsOverMax\":2", "\"splitSizes\":{\"train\":3,\"valid\":1,\"test\":1}");
        assertThat(JsonMapper.builder().build().readValue(json, DatasetStatistics.class)).isEqualTo(stats);
    }
}
