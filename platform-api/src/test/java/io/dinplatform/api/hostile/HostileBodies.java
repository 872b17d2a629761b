package io.dinplatform.api.hostile;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON bodies that no endpoint can accept, whatever it expects: broken syntax, wrong shapes, abusive sizes. */
final class HostileBodies {

    /** description → body text. */
    static final Map<String, String> ANY_ENDPOINT = anyEndpoint();

    private HostileBodies() {
    }

    private static Map<String, String> anyEndpoint() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("empty body", "");
        bodies.put("whitespace only", "  \n ");
        bodies.put("truncated object", "{\"name\": ");
        bodies.put("unterminated string", "{\"name\": \"abc");
        bodies.put("trailing garbage", "{} {}");
        bodies.put("single quotes", "{'name': 'x'}");
        bodies.put("comment", "{/* hi */}");
        bodies.put("an array instead of an object", "[1, 2, 3]");
        bodies.put("a string instead of an object", "\"hello\"");
        bodies.put("a number instead of an object", "42");
        bodies.put("null", "null");
        bodies.put("NaN", "{\"version\": NaN}");
        bodies.put("Infinity", "{\"version\": Infinity}");
        bodies.put("negative infinity", "{\"version\": -Infinity}");
        bodies.put("deep nesting (100,000 arrays)", "[".repeat(100_000) + "]".repeat(100_000));
        bodies.put("deep nesting (100,000 objects)", "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000));
        bodies.put("a 2,000-digit number", "{\"version\": " + "9".repeat(2_000) + "}");
        bodies.put("invalid escape", "{\"name\": \"\\x41\"}");
        bodies.put("raw control character in a string", "{\"name\": \"a\u0001b\"}");
        return bodies;
    }
}
