package io.dinplatform.api.serving;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Fuzzes the prediction request path behind HTTP: the application's own JSON mapper reads a mutated body into a
 * predict or rank request, and the prediction service checks and scores it against a real model. Whatever the
 * body, the outcome is an answer or one of the documented refusals: a {@link JacksonException} (answered 400) or
 * an {@link ErrorResponseException} with a 4xx status; never another exception. Mutations are both byte-level
 * (broken JSON) and structural (valid JSON of the wrong shape or with hostile values). Seeded; {@code
 * -Ddin.fuzz.seed} replays a failure and {@code -Ddin.fuzz.cases} runs more.
 */
class PredictionRequestFuzzTest extends ServedModelTest {

    private static final long SEED = Long.getLong("din.fuzz.seed", 20261128L);
    private static final int CASES = Integer.getInteger("din.fuzz.cases", 1_000);
    private static final String MODEL = "fuzz-model";


    @BeforeEach
    void registerModel() {
        registerOnce(MODEL, 11);
    }

    @Test
    void mutatedPredictAndRankBodiesAreAnsweredOrRefusedAsDocumented() {
        SplittableRandom random = new SplittableRandom(SEED);
        int answered = 0;
        for (int i = 0; i < CASES; i++) {
            boolean rank = random.nextInt(3) == 0;
            JsonNode valid = rank ? rankBody(random) : predictBody(random);
            byte[] body = random.nextBoolean()
                    ? mutateBytes(random, json.writeValueAsBytes(valid))
                    : json.writeValueAsBytes(mutateTree(random, valid.deepCopy()));
            try {
                if (rank) {
                    predictions.rank(MODEL, null, null, json.readValue(body, RankRequest.class));
                } else {
                    predictions.predict(MODEL, null, null, json.readValue(body, PredictionRequest.class));
                }
                answered++;
            } catch (JacksonException e) {
                // answered 400 by the API's exception handler
            } catch (ErrorResponseException e) {
                assertThat(e.getStatusCode().is4xxClientError()).as("status of %s", e.getBody()).isTrue();
            } catch (Throwable unexpected) {
                fail("case " + i + " (seed " + SEED + "): " + unexpected + " for body "
                        + Base64.getEncoder().encodeToString(body), unexpected);
            }
        }
        assertThat(answered).as("bodies that were still valid").isBetween(1, CASES - 1);
    }

    private JsonNode predictBody(SplittableRandom random) {
        ObjectNode body = json.createObjectNode();
        ArrayNode instances = body.putArray("instances");
        for (Map<String, Object> instance : TrainedModels.instances(random.nextLong(), 1 + random.nextInt(4))) {
            instances.add(json.valueToTree(instance));
        }
        if (random.nextBoolean()) {
            body.put("explain", random.nextBoolean());
        }
        return body;
    }

    private JsonNode rankBody(SplittableRandom random) {
        ObjectNode body = json.createObjectNode();
        body.set("context", json.valueToTree(TrainedModels.user(random)));
        ArrayNode candidates = body.putArray("candidates");
        for (int c = 0; c < 1 + random.nextInt(5); c++) {
            candidates.addObject().put("item_id", "i" + random.nextInt(45)).put("cate_id", "c" + random.nextInt(7));
        }
        if (random.nextBoolean()) {
            body.put("topK", random.nextInt(7) - 1);
        }
        return body;
    }

    private static byte[] mutateBytes(SplittableRandom random, byte[] valid) {
        return new io.dinplatform.api.hostile.JsonBytes(random).mutate(valid);
    }

    /** Replaces one to three nodes anywhere in the tree with a hostile value. */
    private JsonNode mutateTree(SplittableRandom random, JsonNode root) {
        for (int m = 0; m < 1 + random.nextInt(3); m++) {
            List<JsonNode> containers = new ArrayList<>();
            collectContainers(root, containers);
            JsonNode container = containers.get(random.nextInt(containers.size()));
            if (container instanceof ObjectNode object && !object.isEmpty()) {
                List<String> names = new ArrayList<>(object.propertyNames());
                String name = names.get(random.nextInt(names.size()));
                switch (random.nextInt(3)) {
                    case 0 -> object.remove(name);
                    case 1 -> object.set(name, hostileValue(random));
                    default -> object.set(hostileName(random), hostileValue(random));
                }
            } else if (container instanceof ArrayNode array && !array.isEmpty()) {
                int index = random.nextInt(array.size());
                if (random.nextBoolean()) {
                    array.set(index, hostileValue(random));
                } else {
                    array.add(hostileValue(random));
                }
            }
        }
        return root;
    }

    private static void collectContainers(JsonNode node, List<JsonNode> containers) {
        if (node.isContainer()) {
            containers.add(node);
            Iterator<JsonNode> children = node.values().iterator();
            children.forEachRemaining(child -> collectContainers(child, containers));
        }
    }

    private JsonNode hostileValue(SplittableRandom random) {
        return switch (random.nextInt(14)) {
            case 0 -> json.nullNode();
            case 1 -> json.getNodeFactory().numberNode(random.nextLong());
            case 2 -> json.getNodeFactory().numberNode(Double.MAX_VALUE);
            case 3 -> json.getNodeFactory().numberNode(new java.math.BigInteger("9".repeat(60)));
            case 4 -> json.getNodeFactory().numberNode(-0.0);
            case 5 -> json.getNodeFactory().booleanNode(random.nextBoolean());
            case 6 -> json.getNodeFactory().textNode("");
            case 7 -> json.getNodeFactory().textNode("x".repeat(random.nextInt(100_000)));
            case 8 -> json.getNodeFactory().textNode(new String(new char[] {'a', '\ud800', '\u0000', '\u202e'}));
            case 9 -> json.createObjectNode().put("nested", "object");
            case 10 -> nestedArrays(1 + random.nextInt(200));
            case 11 -> json.createArrayNode();
            case 12 -> {
                ArrayNode many = json.createArrayNode();
                for (int i = 0; i < random.nextInt(2_000); i++) {
                    many.add("i" + i);
                }
                yield many;
            }
            default -> json.getNodeFactory().textNode("' OR '1'='1; DROP TABLE model_versions; --");
        };
    }

    private static String hostileName(SplittableRandom random) {
        return List.of("", "instances", "explain", "topK", "__proto__", "hist_item_id", "\u0000",
                "x".repeat(10_000)).get(random.nextInt(8));
    }

    private JsonNode nestedArrays(int depth) {
        ArrayNode root = json.createArrayNode();
        ArrayNode current = root;
        for (int d = 1; d < depth; d++) {
            current = current.addArray();
        }
        current.add("i1");
        return root;
    }
}
