package io.dinplatform.api.hostile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dinplatform.api.hostile.HostileRequest.Expect;
import org.springframework.http.MediaType;

/**
 * Hostile requests to the Open Inference Protocol's REST endpoints: broken JSON, hostile names, values and version
 * segments, and tensors whose shapes, datatypes and data disagree or are abusive. Each is refused with a 4xx in the
 * protocol's error form, or (an odd id) scored harmlessly; none is a 5xx.
 */
final class HostileInferenceRequests {

    private HostileInferenceRequests() {
    }

    static void cases(List<HostileRequest> cases, String model, String validInstance) {
        String infer = "/v2/models/" + model + "/infer";
        String valid = validBody();
        HostileBodies.ANY_ENDPOINT.forEach((description, body) ->
                cases.add(HostileRequest.json("infer: " + description, "POST", infer, body,
                        Expect.REFUSED_BY_INFERENCE)));
        cases.add(HostileRequest.json("infer: an unknown property", "POST", infer,
                "{\"admin\": true, " + valid.substring(1), Expect.REFUSED_BY_INFERENCE));
        for (MediaType type : List.of(MediaType.TEXT_PLAIN, MediaType.APPLICATION_XML,
                MediaType.APPLICATION_FORM_URLENCODED)) {
            cases.add(new HostileRequest("infer: a " + type + " body", "POST", infer, type,
                    valid.getBytes(StandardCharsets.UTF_8), Expect.REFUSED_BY_INFERENCE));
        }
        HostileValues.STRINGS.forEach((description, value) -> {
            cases.add(HostileRequest.json("infer id value: " + description, "POST", infer,
                    valid.replace("\"i1\"", value), Expect.HARMLESS));
            cases.add(HostileRequest.json("infer input name: " + description, "POST", infer,
                    valid.replace("\"item_id\"", value), Expect.REFUSED_BY_INFERENCE));
            cases.add(HostileRequest.json("infer datatype: " + description, "POST", infer,
                    valid.replace("\"datatype\": \"BYTES\"", "\"datatype\": " + value), Expect.REFUSED_BY_INFERENCE));
            cases.add(HostileRequest.json("infer output: " + description, "POST", infer,
                    "{\"outputs\": [{\"name\": " + value + "}], " + valid.substring(1),
                    Expect.REFUSED_BY_INFERENCE));
        });
        badTensors().forEach((description, body) ->
                cases.add(HostileRequest.json("infer: " + description, "POST", infer, body,
                        Expect.REFUSED_BY_INFERENCE)));
        cases.add(HostileRequest.json("infer: more instances than allowed", "POST", infer,
                tensors(1_001, "\"u1\"", "\"i1\"", "\"c1\"", 1, "\"i2\"", "\"c2\""), Expect.REFUSED_BY_INFERENCE));
        hostileSegments(cases, model);
    }

    private static Map<String, String> badTensors() {
        Map<String, String> bad = new LinkedHashMap<>();
        String user = "{\"name\": \"user_id\", \"datatype\": \"BYTES\", \"shape\": %s, \"data\": %s}";
        String rest = ", {\"name\": \"item_id\", \"datatype\": \"BYTES\", \"shape\": [1], \"data\": [\"i1\"]}"
                + ", {\"name\": \"cate_id\", \"datatype\": \"BYTES\", \"shape\": [1], \"data\": [\"c1\"]}"
                + ", {\"name\": \"hist_item_id\", \"datatype\": \"BYTES\", \"shape\": [1, 1], \"data\": [\"i2\"]}"
                + ", {\"name\": \"hist_cate_id\", \"datatype\": \"BYTES\", \"shape\": [1, 1], \"data\": [\"c2\"]}";
        Map<String, String[]> users = new LinkedHashMap<>();
        users.put("a negative dimension", new String[] {"[-1]", "[\"u1\"]"});
        users.put("a dimension beyond a long", new String[] {"[99999999999999999999]", "[\"u1\"]"});
        users.put("a huge batch without data", new String[] {"[2147483647]", "[]"});
        users.put("a fractional dimension", new String[] {"[1.5]", "[\"u1\"]"});
        users.put("a word for a dimension", new String[] {"[\"one\"]", "[\"u1\"]"});
        users.put("no shape", new String[] {"null", "[\"u1\"]"});
        users.put("a null dimension", new String[] {"[null]", "[\"u1\"]"});
        users.put("three dimensions", new String[] {"[1, 1, 1]", "[\"u1\"]"});
        users.put("a scalar shape", new String[] {"[]", "[\"u1\"]"});
        users.put("more data than the shape", new String[] {"[1]", "[\"u1\", \"u2\"]"});
        users.put("data that is a string", new String[] {"[1]", "\"u1\""});
        users.put("data that is an object", new String[] {"[1]", "{\"a\": 1}"});
        users.put("no data", new String[] {"[1]", "null"});
        users.put("a null element", new String[] {"[1]", "[null]"});
        users.put("a number for an id", new String[] {"[1]", "[42]"});
        users.put("a boolean for an id", new String[] {"[1]", "[true]"});
        users.put("an object for an id", new String[] {"[1]", "[{\"id\": 1}]"});
        users.put("ragged nesting", new String[] {"[1]", "[[\"u1\", [\"u2\"]]]"});
        users.forEach((description, parts) -> bad.put("user_id: " + description,
                "{\"inputs\": [" + user.formatted(parts[0], parts[1]) + rest + "]}"));
        bad.put("a history joined by '|'", "{\"inputs\": [" + user.formatted("[1]", "[\"u1\"]")
                + rest.replace("\"shape\": [1, 1], \"data\": [\"i2\"]", "\"shape\": [1], \"data\": [\"i2|i3\"]")
                + "]}");
        bad.put("a history of length 2,147,483,647 without data", "{\"inputs\": [" + user.formatted("[1]",
                "[\"u1\"]") + rest.replace("\"shape\": [1, 1], \"data\": [\"i2\"]",
                "\"shape\": [1, 2147483647], \"data\": [\"i2\"]") + "]}");
        bad.put("an input given twice", "{\"inputs\": [" + user.formatted("[1]", "[\"u1\"]") + ", "
                + user.formatted("[1]", "[\"u1\"]") + rest + "]}");
        bad.put("a null input", "{\"inputs\": [null]}");
        bad.put("no inputs", "{\"inputs\": []}");
        bad.put("explain is a string", "{\"parameters\": {\"explain\": \"yes\"}, \"inputs\": ["
                + user.formatted("[1]", "[\"u1\"]") + rest + "]}");
        bad.put("NaN for a numeric id", "{\"inputs\": [" + user.formatted("[1]", "[NaN]") + rest + "]}");
        return bad;
    }

    /** Version segments and model names in the URL: looked up as data (404) or refused (400), never interpreted. */
    private static void hostileSegments(List<HostileRequest> cases, String model) {
        List<String> templates = List.of("GET /v2/models/%s", "GET /v2/models/%s/ready",
                "GET /v2/models/" + model + "/versions/%s", "GET /v2/models/" + model + "/versions/%s/ready",
                "POST /v2/models/%s/infer", "POST /v2/models/" + model + "/versions/%s/infer");
        Map<String, String> segments = new LinkedHashMap<>();
        for (String description : List.of("SQL injection", "path traversal", "HTML and script", "blank")) {
            segments.put(description, URLEncoder.encode(HostileInputTest.unquote(HostileValues.STRINGS
                    .get(description)), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        segments.put("a number beyond an int", "99999999999");
        segments.put("zero", "0");
        segments.put("an encoded NUL", "a%00b");
        segments.put("invalid UTF-8", "%ff%fe");
        segments.put("a 10,000-character segment", "a".repeat(10_000));
        for (String template : templates) {
            String[] parts = template.split(" ", 2);
            segments.forEach((description, segment) -> {
                String path = parts[1].formatted(segment);
                cases.add(parts[0].equals("POST")
                        ? HostileRequest.json("v2 path: " + description, "POST", path, validBody(),
                        Expect.REFUSED_MAYBE_BY_CONTAINER)
                        : HostileRequest.bodiless("v2 path: " + description, "GET", path,
                        Expect.REFUSED_MAYBE_BY_CONTAINER));
            });
        }
    }

    private static String validBody() {
        return tensors(1, "\"u1\"", "\"i1\"", "\"c1\"", 1, "\"i2\"", "\"c2\"");
    }

    private static String tensors(int n, String user, String item, String category, int length, String historyItem,
                                  String historyCategory) {
        return "{\"inputs\": ["
                + tensor("user_id", "[" + n + "]", Collections.nCopies(n, user)) + ", "
                + tensor("item_id", "[" + n + "]", Collections.nCopies(n, item)) + ", "
                + tensor("cate_id", "[" + n + "]", Collections.nCopies(n, category)) + ", "
                + tensor("hist_item_id", "[" + n + ", " + length + "]", Collections.nCopies(n * length, historyItem))
                + ", " + tensor("hist_cate_id", "[" + n + ", " + length + "]",
                Collections.nCopies(n * length, historyCategory)) + "]}";
    }

    private static String tensor(String name, String shape, List<String> data) {
        return "{\"name\": \"" + name + "\", \"datatype\": \"BYTES\", \"shape\": " + shape + ", \"data\": ["
                + String.join(", ", data) + "]}";
    }
}
