package io.dinplatform.registry.impression;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochRandomGenerator;
import io.dinplatform.registry.EmbeddedCatalogTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ImpressionRepositoryTest extends EmbeddedCatalogTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    @Autowired
    ImpressionRepository impressions;

    @Autowired
    ImpressionPartitions partitions;

    @Autowired
    ImpressionSampling sampling;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anIdCarriesTheTimeItWasMadeAndOtherUuidsCarryNone() {
        Instant before = Instant.now().minusMillis(1);
        UUID id = ImpressionIds.next();
        Instant after = Instant.now().plusMillis(1);

        assertThat(ImpressionIds.servedAt(id)).hasValueSatisfying(at -> assertThat(at).isBetween(before, after));
        assertThat(ImpressionIds.servedAt(UUID.randomUUID())).isEmpty();
        assertThat(ImpressionIds.next()).isNotEqualTo(id);
    }

    @Test
    void feedbackFindsItsImpressionAndALaterReportReplacesAnEarlierOne() {
        Instant servedAt = Instant.parse("2003-03-03T10:15:00Z");
        partitions.ensure(LocalDate.of(2003, 3, 3));
        String model = "feedback-" + UUID.randomUUID();
        Impression shown = impression(model, 1, null, servedAt, 0.4f, "u1", 900);
        impressions.insert(List.of(shown));
        UUID neverServed = idAt(servedAt.plusSeconds(5));

        boolean[] found = impressions.recordFeedback(List.of(
                new ClickFeedback(shown.id(), false, servedAt.plusSeconds(1)),
                new ClickFeedback(neverServed, true, servedAt.plusSeconds(2))));
        assertThat(found).containsExactly(true, false);
        assertThat(clicks(model, servedAt)).isZero();

        // The same impression twice in one call: the last report counts; then again, which changes nothing.
        List<ClickFeedback> clicked = List.of(new ClickFeedback(shown.id(), false, servedAt.plusSeconds(3)),
                new ClickFeedback(shown.id(), true, servedAt.plusSeconds(4)));
        assertThat(impressions.recordFeedback(clicked)).containsExactly(true, true);
        assertThat(impressions.recordFeedback(clicked)).containsExactly(true, true);
        assertThat(clicks(model, servedAt)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM impression_feedback WHERE impression_id = ?").param(shown.id())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT array_to_string(unknown_features, ',') FROM impressions WHERE id = ?")
                .param(shown.id()).query(String.class).single()).isEqualTo("user_id");
    }

    @Test
    void valuesWithTheCopyFormatsSpecialCharactersAreStoredAsTheyWere() {
        Instant servedAt = Instant.parse("2006-06-06T06:06:06.006Z");
        partitions.ensure(LocalDate.of(2006, 6, 6));
        String model = "copy-" + UUID.randomUUID();
        String awkward = "tab\there, new\nline, back\\slash, \"quoted\", {braced}, comma, \\N";
        Impression impression = new Impression(idAt(servedAt), servedAt, model, 3, awkward, Float.MIN_VALUE, awkward,
                JSON.createObjectNode().put("user_id", awkward).put("item_id", "\r\u0001"),
                List.of(awkward, "NULL", ""), 0, null, null);
        Impression plain = new Impression(idAt(servedAt), servedAt, model, 3, null, -0.0f, null,
                JSON.createObjectNode(), List.of(), Integer.MAX_VALUE, null, null);

        impressions.insert(List.of(impression, plain));

        List<ServedRow> rows = new ArrayList<>();
        impressions.forEachServed(model, servedAt, servedAt.plusMillis(1), rows::add);
        assertThat(rows).hasSize(2);
        ServedRow stored = rows.stream().filter(row -> row.features().has("user_id")).findFirst().orElseThrow();
        assertThat(stored.features().get("user_id").asString()).isEqualTo(awkward);
        assertThat(stored.features().get("item_id").asString()).isEqualTo("\r\u0001");
        assertThat(stored.unknownFeatures()).containsExactly(awkward, "NULL", "");
        assertThat(stored.score()).isEqualTo(Float.MIN_VALUE);
        assertThat(stored.servedAt()).isEqualTo(servedAt);
        assertThat(jdbc.sql("SELECT arm FROM impressions WHERE id = ?").param(impression.id()).query(String.class)
                .single()).isEqualTo(awkward);
        assertThat(jdbc.sql("SELECT arm IS NULL AND group_id IS NULL AND latency_micros = ? FROM impressions "
                + "WHERE id = ?").params(Integer.MAX_VALUE, plain.id()).query(Boolean.class).single()).isTrue();
    }

    @Test
    void aNulCharacterWhichPostgresCannotStoreIsLoggedAsTheReplacementCharacterWithoutLosingItsBatch() {
        Instant servedAt = Instant.parse("2006-06-07T06:06:06.006Z");
        partitions.ensure(LocalDate.of(2006, 6, 7));
        String model = "nul-" + UUID.randomUUID();
        Impression nul = new Impression(idAt(servedAt), servedAt, model, 1, null, 0.5f, "u\u00001",
                JSON.createObjectNode().put("user_id", "u\u00001").put("item\u0000id", "i\u0000"), List.of(), 0, null,
                new ImpressionContext(idAt(servedAt), JSON.createObjectNode().put("hist", "a\u0000b")));
        Impression other = new Impression(idAt(servedAt), servedAt, model, 1, null, 0.25f, "u2",
                JSON.createObjectNode().put("user_id", "u2"), List.of(), 0, null, null);

        impressions.insert(List.of(nul, other));

        List<ServedRow> rows = new ArrayList<>();
        impressions.forEachServed(model, servedAt, servedAt.plusMillis(1), rows::add);
        assertThat(rows).as("both impressions of the batch").hasSize(2);
        ServedRow stored = rows.stream().filter(row -> row.score() == 0.5f).findFirst().orElseThrow();
        assertThat(stored.features().get("user_id").asString()).isEqualTo("u\ufffd1");
        assertThat(stored.features().get("item\ufffdid").asString()).isEqualTo("i\ufffd");
        assertThat(stored.features().get("hist").asString()).as("from the context").isEqualTo("a\ufffdb");
        assertThat(jdbc.sql("SELECT group_id FROM impressions WHERE id = ?").param(nul.id()).query(String.class)
                .single()).isEqualTo("u\ufffd1");
    }

    @Test
    void windowsCountPerVersionAndArmWithTheirClicksScoresAndLatencies() {
        Instant hour = Instant.parse("2004-04-04T08:00:00Z");
        partitions.ensure(LocalDate.of(2004, 4, 4));
        String model = "windows-" + UUID.randomUUID();
        List<Impression> served = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            served.add(impression(model, 1, "production", hour.plusSeconds(60L * i), 0.1f * (i + 1), "u" + i % 2,
                    1000 * (i + 1)));
        }
        served.add(impression(model, 2, null, hour.plusSeconds(3600), 0.9f, "u0", 500));
        impressions.insert(served);
        impressions.recordFeedback(List.of(new ClickFeedback(served.get(0).id(), false, hour),
                new ClickFeedback(served.get(1).id(), true, hour), new ClickFeedback(served.get(3).id(), true, hour)));

        List<ImpressionWindow> windows = impressions.windows(model, hour, hour.plusSeconds(7200), OnlineWindow.HOUR);

        assertThat(windows).hasSize(2);
        ImpressionWindow first = windows.get(0);
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.arm()).isEqualTo("production");
        assertThat(first.start()).isEqualTo(hour);
        assertThat(first.impressions()).isEqualTo(4);
        assertThat(first.labelled()).isEqualTo(3);
        assertThat(first.clicks()).isEqualTo(2);
        assertThat(first.meanScore()).isCloseTo(0.25, within(1e-6));
        assertThat(first.latencyP50Micros()).isCloseTo(2500, within(1e-9)); // between 2,000 and 3,000
        assertThat(first.latencyP99Micros()).isCloseTo(3970, within(1e-9));
        ImpressionWindow second = windows.get(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.arm()).isNull();
        assertThat(second.start()).isEqualTo(hour.plusSeconds(3600));
        assertThat(second.labelled()).isZero();

        List<LabelledImpression> labelled = new ArrayList<>();
        impressions.forEachLabelled(model, hour, hour.plusSeconds(7200), OnlineWindow.HOUR, labelled::add);
        assertThat(labelled).extracting(LabelledImpression::clicked).containsExactlyInAnyOrder(false, true, true);
        assertThat(labelled).allSatisfy(row -> assertThat(row.windowStart()).isEqualTo(hour));
        assertThat(impressions.windows(model, hour, hour.plusSeconds(7200), OnlineWindow.DAY))
                .extracting(ImpressionWindow::start)
                .containsOnly(hour.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    @Test
    void aRankingsContextIsStoredOnceAndReadBackUnderEachCandidatesOwnFeatures() {
        LocalDate day = LocalDate.of(2005, 5, 5);
        partitions.ensure(day);
        String model = "contexts-" + UUID.randomUUID();
        Instant servedAt = Instant.parse("2005-05-05T12:00:00Z");
        ImpressionContext context = new ImpressionContext(idAt(servedAt), JSON.createObjectNode()
                .put("user_id", "u7").put("item_id", "from-the-context").set("hist_item_id",
                        JSON.createArrayNode().add("i1").add("i2")));
        List<Impression> candidates = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            candidates.add(new Impression(idAt(servedAt), servedAt, model, 1, null, 0.1f * (c + 1), "u7",
                    JSON.createObjectNode().put("item_id", "i" + (10 + c)), List.of(), 100, null, context));
        }
        Impression predicted = impression(model, 1, null, servedAt.plusSeconds(1), 0.5f, "u8", 100);
        Impression shadow = candidates.get(0).shadowedBy(idAt(servedAt), 2, 0.9f, 50);
        // The first batch holds two of the ranking's candidates, the second the third and a shadow of the first.
        impressions.insert(List.of(candidates.get(0), candidates.get(1), predicted));
        impressions.insert(List.of(candidates.get(2), shadow));

        assertThat(jdbc.sql("SELECT count(*) FROM impression_contexts WHERE id = ?").param(context.id())
                .query(Long.class).single()).as("one context for the ranking's three candidates and its shadow")
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT features::text FROM impressions WHERE id = ?").param(candidates.get(1).id())
                .query(String.class).single()).as("a candidate's row keeps only its own features")
                .doesNotContain("hist_item_id");
        List<ServedRow> rows = new ArrayList<>();
        impressions.forEachServed(model, servedAt, servedAt.plusSeconds(2), rows::add);
        assertThat(rows).hasSize(4);
        assertThat(rows.subList(0, 3)).allSatisfy(row -> {
            assertThat(row.features().get("user_id").asString()).isEqualTo("u7");
            assertThat(row.features().get("hist_item_id")).hasSize(2);
            assertThat(row.features().get("item_id").asString()).as("the candidate's own over the context's")
                    .startsWith("i1");
        });
        assertThat(rows.subList(0, 3)).extracting(row -> row.features().get("item_id").asString())
                .containsExactlyInAnyOrder("i10", "i11", "i12");
        assertThat(rows.get(3).features().get("user_id").asString()).isEqualTo("u8");
        assertThat(rows.get(3).features().has("hist_item_id")).isFalse();
    }

    @Test
    void aBatchThatFailsStoresNeitherItsImpressionsNorItsRankingsContexts() {
        partitions.ensure(LocalDate.of(2005, 6, 6));
        String model = "failed-batch-" + UUID.randomUUID();
        Instant servedAt = Instant.parse("2005-06-06T12:00:00Z");
        Impression stored = impression(model, 1, null, servedAt, 0.5f, "u1", 100);
        impressions.insert(List.of(stored));
        ImpressionContext context = new ImpressionContext(idAt(servedAt), JSON.createObjectNode().put("user_id", "u2"));
        Impression candidate = new Impression(idAt(servedAt), servedAt, model, 1, null, 0.3f, "u2",
                JSON.createObjectNode().put("item_id", "i1"), List.of(), 100, null, context);

        // The batch holds an impression already stored: its COPY fails, after the context's insert has run.
        assertThatThrownBy(() -> impressions.insert(List.of(candidate, stored)))
                .isInstanceOf(DataIntegrityViolationException.class);

        assertThat(jdbc.sql("SELECT count(*) FROM impression_contexts WHERE id = ?").param(context.id())
                .query(Long.class).single()).as("the context goes with its batch").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM impressions WHERE model_name = ?").param(model)
                .query(Long.class).single()).as("the earlier batch only").isEqualTo(1);
    }

    @Test
    void partitionsAreMadeOnceAndDroppedWholeWithTheirImpressionsAndFeedback() {
        LocalDate old = LocalDate.of(2001, 1, 1);
        LocalDate kept = old.plusDays(1);
        partitions.ensure(old);
        partitions.ensure(old);
        partitions.ensure(kept);
        String model = "retention-" + UUID.randomUUID();
        Impression expired = impression(model, 1, null, Instant.parse("2001-01-01T23:59:59Z"), 0.5f, "u", 1);
        Impression current = impression(model, 1, null, Instant.parse("2001-01-02T00:00:00Z"), 0.5f, "u", 1);
        Instant rankedAt = Instant.parse("2001-01-01T12:00:00Z");
        ImpressionContext context = new ImpressionContext(idAt(rankedAt), JSON.createObjectNode().put("user_id", "u"));
        Impression ranked = new Impression(idAt(rankedAt), rankedAt, model, 1, null, 0.5f, "u",
                JSON.createObjectNode().put("item_id", "i"), List.of(), 1, null, context);
        impressions.insert(List.of(expired, current, ranked));
        impressions.recordFeedback(List.of(new ClickFeedback(expired.id(), true, Instant.now())));

        assertThat(partitions.days()).contains(old, kept);
        assertThat(partitions.dropBefore(kept)).contains(old).doesNotContain(kept);

        assertThat(partitions.days()).doesNotContain(old).contains(kept);
        assertThat(jdbc.sql("SELECT count(*) FROM impression_contexts WHERE id = ?").param(context.id())
                .query(Long.class).single()).as("a ranking's context goes with its day").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM impressions WHERE model_name = ?").param(model)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(impressions.recordFeedback(List.of(new ClickFeedback(expired.id(), true, Instant.now()))))
                .containsExactly(false);
    }

    @Test
    void aModelsSamplingRateIsItsOwnUntilCleared() {
        String model = "sampled-" + UUID.randomUUID();
        assertThat(sampling.setRate(model, 0.5f)).as("no such model yet").isFalse();
        jdbc.sql("INSERT INTO registered_models (name) VALUES (?)").param(model).update();

        assertThat(sampling.rateOf(model)).isEmpty();
        assertThat(sampling.setRate(model, 0.25f)).isTrue();
        assertThat(sampling.setRate(model, 0.5f)).isTrue();
        assertThat(sampling.rateOf(model)).contains(0.5f);
        sampling.clearRate(model);
        assertThat(sampling.rateOf(model)).isEmpty();
    }

    @Test
    void aSpansTallyCountsEachRegisteredModelsImpressionsAndMovesWithEveryFeedbackReport() {
        Instant from = Instant.parse("2004-04-04T10:00:00Z");
        Instant to = from.plusSeconds(3600);
        partitions.ensure(LocalDate.of(2004, 4, 4));
        String suffix = UUID.randomUUID().toString();
        String first = "tally-a-" + suffix;
        String second = "tally-b-" + suffix;
        for (String model : List.of(first, second)) {
            jdbc.sql("INSERT INTO registered_models (name) VALUES (?)").param(model).update();
        }
        Impression clickedLater = impression(first, 1, null, from, 0.3f, "u1", 100);
        impressions.insert(List.of(clickedLater, impression(first, 2, "canary", from.plusSeconds(60), 0.5f, "u2", 100),
                impression(first, 1, null, to.minusMillis(1), 0.5f, "u3", 100),
                impression(first, 1, null, to, 0.5f, "u4", 100),
                impression(second, 1, null, from.plusSeconds(7), 0.5f, "u5", 100),
                impression(second, 1, null, from.minusMillis(1), 0.5f, "u6", 100),
                impression("unregistered-" + suffix, 1, null, from.plusSeconds(9), 0.5f, "u7", 100)));

        assertThat(impressions.servedCounts(from, to)).as("registered models only, [from, to)")
                .containsExactly(Map.entry(first, 3L), Map.entry(second, 1L));
        assertThat(impressions.feedbackTally(from, to)).isEqualTo(new FeedbackTally(0, 0, null));

        impressions.recordFeedback(List.of(new ClickFeedback(clickedLater.id(), false, from.plusSeconds(5))));
        FeedbackTally reported = impressions.feedbackTally(from, to);
        assertThat(reported.reports()).isEqualTo(1);
        assertThat(reported.clicks()).isZero();
        assertThat(reported.lastReceived()).isNotNull();

        impressions.recordFeedback(List.of(new ClickFeedback(clickedLater.id(), true, from.plusSeconds(6))));
        FeedbackTally clicked = impressions.feedbackTally(from, to);
        assertThat(clicked.reports()).as("a report replaced").isEqualTo(1);
        assertThat(clicked.clicks()).isEqualTo(1);
        assertThat(clicked.lastReceived()).isAfter(reported.lastReceived());

        impressions.recordFeedback(List.of(new ClickFeedback(clickedLater.id(), true, from.plusSeconds(7))));
        assertThat(impressions.feedbackTally(from, to)).as("the same outcome reported again arrived later")
                .isNotEqualTo(clicked);
        assertThat(impressions.feedbackTally(to, to.plusSeconds(3600))).isEqualTo(new FeedbackTally(0, 0, null));
    }

    private long clicks(String model, Instant servedAt) {
        return impressions.windows(model, servedAt.minusSeconds(1), servedAt.plusSeconds(1), OnlineWindow.HOUR)
                .stream().mapToLong(ImpressionWindow::clicks).sum();
    }

    private static Impression impression(String model, int version, String arm, Instant servedAt, float score,
                                         String group, int latencyMicros) {
        return new Impression(idAt(servedAt), servedAt, model, version, arm, score, group,
                JSON.createObjectNode().put("user_id", group), List.of("user_id"), latencyMicros);
    }

    /** An impression id of a given serving time, as the serving path makes them at that time. */
    private static UUID idAt(Instant servedAt) {
        TimeBasedEpochRandomGenerator generator = Generators.timeBasedEpochRandomGenerator(null,
                new com.fasterxml.uuid.UUIDClock() {
                    @Override
                    public long currentTimeMillis() {
                        return servedAt.toEpochMilli();
                    }
                });
        return generator.generate();
    }
}
