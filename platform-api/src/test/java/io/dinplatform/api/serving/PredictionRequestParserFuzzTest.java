package io.dinplatform.api.serving;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dinplatform.core.fuzz.FuzzFinding;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.web.ErrorResponseException;
import tools.jackson.core.JacksonException;

/**
 * Coverage-guided fuzzing of the prediction request parser with Jazzer: whatever the bytes of a predict or rank
 * body, the application's own JSON mapper reads them into a {@link PredictionRequest} and a {@link RankRequest},
 * and the prediction service checks and scores them against a real DIN model (din-core's instance encoder behind
 * it). A predict body is also parsed the way the endpoint parses it, straight into encoded rows
 * ({@link PredictionBodyReader}), and a rank body straight into the candidates' rows ({@link RankBodyReader}); each
 * must be answered with the same scores, or refused with the same status and detail, as when bound. Each is answered, or refused the documented way: a {@link JacksonException} (answered 400 as unreadable
 * JSON) or an {@link ErrorResponseException} with a 4xx status (a problem detail). Any other throwable is a
 * finding, and so is an answer with a score per instance missing or outside [0, 1], or more ranked candidates than
 * asked for.
 *
 * <p>The application context, the model and its serving queue are built once (Spring's context cache shares them
 * with the other API tests), so each input costs one parse and at most one forward pass; no HTTP. {@code mvn
 * verify} replays the seed corpus (resources {@code PredictionRequestParserFuzzTestInputs/predictAndRankBodies})
 * in the ordinary test run, then fuzzes for {@code din.fuzz.duration}; see the README to fuzz longer.
 */
class PredictionRequestParserFuzzTest extends ServedModelTest {

    private static final String MODEL = "jazzer-model";


    @BeforeEach
    void registerModel() {
        registerOnce(MODEL, 13);
    }

    // No line breaks in the dictionary: Jazzer 0.30 writes them unescaped, which breaks libFuzzer's dictionary file.
    @FuzzTest
    @DictionaryEntries({"{\"instances\":", "\"explain\":", "{\"context\":", "\"candidates\":", "\"topK\":",
            "\"user_id\":", "\"item_id\":", "\"cate_id\":", "\"hist_item_id\":", "\"hist_cate_id\":", "\"u1\"",
            "\"i1\"", "\"c1\"", "[]", "{}", "[{", "}]", "null", "true", "false", "-1", "0", "1e400", "-0.0",
            "\"\\u0000\"", "\"\\ud800\""})
    void predictAndRankBodies(byte[] body) {
        String streamed = outcome(body, "predict, parsed into rows", () -> {
            PredictionResponse response = predictions.predict(MODEL, null, null, body);
            return response.predictions().stream().map(p -> Float.toString(p.score())).toList().toString();
        });
        String bound = outcome(body, "predict, bound", () -> {
            PredictionRequest request = json.readValue(body, PredictionRequest.class);
            if (request == null) {
                throw new PredictionService.MissingBodyException();
            }
            PredictionResponse response = predictions.predict(MODEL, null, null, request);
            return response.predictions().stream().map(p -> Float.toString(p.score())).toList().toString();
        });
        if (!streamed.equals(bound)) {
            throw FuzzFinding.of(body, "the body parsed into rows is " + streamed + " but bound it is " + bound, null);
        }
        String rankStreamed = outcome(body, "rank, parsed into rows", () ->
                ranked(predictions.rank(MODEL, null, null, body)));
        String rankBound = outcome(body, "rank, bound", () -> {
            RankRequest request = json.readValue(body, RankRequest.class);
            if (request == null) {
                throw new PredictionService.MissingBodyException();
            }
            return ranked(predictions.rank(MODEL, null, null, request));
        });
        if (!rankStreamed.equals(rankBound)) {
            throw FuzzFinding.of(body, "the rank body parsed into rows is " + rankStreamed + " but bound it is "
                    + rankBound, null);
        }
        expectAnswerOrRefusal(body, "predict", () -> {
            PredictionRequest request = json.readValue(body, PredictionRequest.class);
            if (request == null) {
                return; // JSON null: a required @RequestBody that is missing, which Spring answers 400
            }
            PredictionResponse response = predictions.predict(MODEL, null, null, request);
            if (response.predictions().size() != request.instances().size()
                    || response.predictions().stream().anyMatch(p -> !isProbability(p.score()))) {
                throw FuzzFinding.of(body, "predict answered " + response + " for " + request, null);
            }
        });
        expectAnswerOrRefusal(body, "rank", () -> {
            RankRequest request = json.readValue(body, RankRequest.class);
            if (request == null) {
                return; // JSON null: a required @RequestBody that is missing, which Spring answers 400
            }
            RankResponse response = predictions.rank(MODEL, null, null, request);
            int asked = request.topK() == null ? request.candidates().size() : request.topK();
            if (response.ranked().size() != Math.min(asked, request.candidates().size())
                    || response.ranked().stream().anyMatch(c -> !isProbability(c.score()))) {
                throw FuzzFinding.of(body, "rank answered " + response + " for " + request, null);
            }
        });
    }

    private static void expectAnswerOrRefusal(byte[] body, String endpoint, Call call) {
        try {
            call.run();
        } catch (JacksonException unreadable) {
            // answered 400 as unreadable JSON, like Spring's HttpMessageNotReadableException
        } catch (ErrorResponseException refused) {
            if (!refused.getStatusCode().is4xxClientError()) {
                throw FuzzFinding.of(body, endpoint + " refused it with " + refused.getStatusCode()
                        + " instead of a 4xx problem: " + refused.getBody(), refused);
            }
        } catch (AssertionError finding) {
            throw finding;
        } catch (Throwable unexpected) {
            throw FuzzFinding.of(body, endpoint + " threw " + unexpected
                    + " instead of an answer or a documented refusal", unexpected);
        }
    }

    /**
     * What a predict answered (its scores) or how it refused (the problem's status and detail, or unreadable JSON's
     * message), to compare the body parsed straight into rows with the body bound to a {@link PredictionRequest}.
     */
    private static String outcome(byte[] body, String path, java.util.concurrent.Callable<String> call) {
        try {
            return "answered " + call.call();
        } catch (JacksonException unreadable) {
            return "unreadable: " + unreadable.getOriginalMessage();
        } catch (PredictionService.MissingBodyException missing) {
            return "missing body";
        } catch (ErrorResponseException refused) {
            return "refused " + refused.getStatusCode() + ": " + refused.getBody().getDetail();
        } catch (Exception unexpected) {
            throw FuzzFinding.of(body, path + " threw " + unexpected, unexpected);
        }
    }

    /** A ranking as positions and scores, to compare two ways of reading the same body. */
    private static String ranked(RankResponse response) {
        return response.ranked().stream().map(c -> c.index() + ":" + c.score()).toList().toString();
    }

    private static boolean isProbability(float score) {
        return score >= 0 && score <= 1;
    }

    /** One request through the parser and the service. */
    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }
}
