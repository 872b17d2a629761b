package io.dinplatform.api.serving;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.dinplatform.api.serving.cache.ModelCache;
import io.dinplatform.api.serving.cache.ModelLease;
import io.dinplatform.api.serving.cache.ServedModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.ErrorResponseException;
import tools.jackson.core.JacksonException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rank body read straight into the candidates' rows ({@link RankBodyReader}) is answered exactly as the same body
 * bound to a {@link RankRequest}: the same candidates in the same order with the same scores, unknown features and
 * attention, or the same refusal in the same words. The bodies cover what the reader takes (the context before or
 * after the candidates, a candidate overriding the user's side, a null value, ties, explanations) and what it leaves
 * to the bound way (a candidate's own history, a context value that is an object, unknown properties, too many or
 * null candidates, bad JSON).
 */
class RankBodyReaderTest extends ServedModelTest {

    private static final String MODEL = "rank-reader-model";

    @Autowired
    private ModelCache cache;

    @Autowired
    private ServedVersionResolver resolver;

    @BeforeEach
    void registerModel() {
        registerOnce(MODEL, 17);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        """
        {"context": {"user_id": "u1", "hist_item_id": ["i1", "i2", "i3"], "hist_cate_id": ["c1", "c2", "c1"]},
         "candidates": [{"item_id": "i1", "cate_id": "c1"}, {"item_id": "i9", "cate_id": "c3"},
                        {"item_id": "i2", "cate_id": "c2"}]}""",
        """
        {"candidates": [{"item_id": "i4", "cate_id": "c1"}, {"item_id": "i5", "cate_id": "c3"}], "topK": 1,
         "context": {"user_id": "u2", "hist_item_id": "i1|i2", "hist_cate_id": "c1|c2"}, "explain": true}""",
        """
        {"context": {"user_id": "u3", "hist_item_id": ["i1"], "hist_cate_id": ["c1"], "item_id": "i7"},
         "candidates": [{"cate_id": "c1"}, {"item_id": "i8", "cate_id": "c2", "user_id": "u4"},
                        {"item_id": 12, "cate_id": "c2", "note": "not a feature"}]}""",
        """
        {"context": {"user_id": "u1", "hist_item_id": [], "hist_cate_id": []},
         "candidates": [{"item_id": "i1", "cate_id": "c1"}, {"item_id": "i1", "cate_id": "c1"}], "topK": 2}""",
        """
        {"context": {"user_id": "u1", "hist_item_id": ["i1"], "hist_cate_id": ["c1"]},
         "candidates": [{"item_id": null, "cate_id": "c1"}]}""",
        """
        {"context": {"user_id": "u1", "hist_item_id": ["i1"], "hist_cate_id": ["c1"]},
         "candidates": [{"item_id": "i1", "cate_id": "c1", "hist_item_id": ["i2"]}]}""",
        """
        {"context": {"user_id": {"id": 1}, "hist_item_id": ["i1"], "hist_cate_id": ["c1"]},
         "candidates": [{"item_id": "i1", "cate_id": "c1"}]}""",
        """
        {"context": {"user_id": "u1", "hist_item_id": ["i1"], "hist_cate_id": ["c1"]},
         "candidates": [{"item_id": "i1", "cate_id": "c1"}, null]}""",
        """
        {"context": {"user_id": "u1"}, "candidates": [], "topK": 1}""",
        """
        {"context": {"user_id": "u1", "hist_item_id": ["i1"], "hist_cate_id": ["c1"]},
         "candidates": [{"item_id": "i1", "cate_id": "c1"}], "topK": 0}""",
        """
        {"candidates": [{"item_id": "i1", "cate_id": "c1"}]}""",
        """
        {"context": {"user_id": "u1"}, "candidates": [{"item_id": "i1", "cate_id": "c1"}], "surprise": 1}""",
        """
        {"context": {"user_id": "u1"}, "candidates": [{"item_id": "i1", "cate_id": "c1"}], "topK": "2"}""",
        """
        {"context": {"user_id": "u1"}, "candidates": [{"item_id": "i1", "cate_id": "c1"}]} trailing""",
        "null",
        "[]"})
    void aBodyReadIntoRowsIsAnsweredAsTheSameBodyBound(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);

        String streamed = outcome(() -> predictions.rank(MODEL, null, null, body));
        String bound = outcome(() -> {
            RankRequest request = json.readValue(body, RankRequest.class);
            if (request == null) {
                throw new PredictionService.MissingBodyException();
            }
            return predictions.rank(MODEL, null, null, request);
        });

        assertThat(streamed).isEqualTo(bound);
    }

    /**
     * The readers take ordinary bodies as they stand, with the application's own mapper (whose Jackson 3 defaults
     * check for trailing tokens after a value read with it): none of these goes the bound way.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        """
        {"context": {"user_id": "u1", "hist_item_id": ["i1", "i2"], "hist_cate_id": ["c1", "c2"]},
         "candidates": [{"item_id": "i1", "cate_id": "c1"}, {"item_id": "i9", "cate_id": "c3"}]}""",
        """
        {"candidates": [{"item_id": "i4", "cate_id": "c1"}], "topK": 1, "explain": true,
         "context": {"user_id": "u2", "hist_item_id": "i1|i2", "hist_cate_id": "c1|c2"}}""",
        """
        {"explain": false, "context": {"user_id": "u3"}, "topK": 2, "candidates": [{"item_id": "i1"}]}"""})
    void ordinaryRankBodiesAreReadAsTheyStand(String text) throws Exception {
        try (ModelLease lease = cache.acquire(resolver.resolve(MODEL, null, null))) {
            ServedModel model = lease.model();
            RankBodyReader.Body read = new RankBodyReader(json).read(text.getBytes(StandardCharsets.UTF_8),
                    model.schema(), model.rows(8), 100);

            assertThat(read.streamed()).isTrue();
            assertThat(read.context()).containsKey("user_id");
            assertThat(read.candidates()).isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        """
        {"instances": [{"user_id": "u1", "item_id": "i1", "cate_id": "c1", "hist_item_id": ["i2"]}], "explain": true}""",
        """
        {"explain": true, "instances": [{"user_id": "u1", "item_id": "i1", "cate_id": "c1"}]}"""})
    void predictBodiesWithExplainAreReadAsTheyStand(String text) throws Exception {
        try (ModelLease lease = cache.acquire(resolver.resolve(MODEL, null, null))) {
            PredictionBodyReader.Body read = new PredictionBodyReader(json).read(
                    text.getBytes(StandardCharsets.UTF_8), lease.model().rows(8), 100);

            assertThat(read.streamed()).isTrue();
            assertThat(read.explain()).isTrue();
            assertThat(read.instances()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 64, 1000})
    void manyCandidatesRankAsTheyDoBound(int candidates) {
        StringBuilder text = new StringBuilder("{\"candidates\": [");
        for (int c = 0; c < candidates; c++) {
            text.append(c == 0 ? "" : ", ").append("{\"item_id\": \"i").append(c % 50).append("\", \"cate_id\": \"c")
                    .append(c % 7).append("\"}");
        }
        text.append("], \"context\": {\"user_id\": \"u5\", \"hist_item_id\": [\"i3\", \"i4\"], "
                + "\"hist_cate_id\": [\"c3\", \"c4\"]}, \"explain\": true}");
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);

        String streamed = outcome(() -> predictions.rank(MODEL, null, null, body));

        assertThat(streamed).startsWith("answered").isEqualTo(outcome(() -> predictions.rank(MODEL, null, null,
                json.readValue(body, RankRequest.class))));
    }

    @FunctionalInterface
    private interface Ranking {
        RankResponse rank() throws Exception;
    }

    /** An answer (positions, scores, unknown features, attention) or a refusal (status and detail). */
    private static String outcome(Ranking ranking) {
        try {
            List<String> ranked = ranking.rank().ranked().stream().map(c -> c.index() + ":" + c.score() + ":"
                    + c.unknownFeatures() + ":" + Arrays.toString(c.attention())).toList();
            return "answered " + ranked;
        } catch (JacksonException unreadable) {
            return "unreadable: " + unreadable.getOriginalMessage();
        } catch (PredictionService.MissingBodyException missing) {
            return "missing body";
        } catch (ErrorResponseException refused) {
            return "refused " + refused.getStatusCode() + ": " + refused.getBody().getDetail();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
