package io.dinplatform.api.hostile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Text an attacker or a broken client sends where a name or a value belongs, each as a JSON string literal (with
 * its escapes, so that a lone surrogate or a NUL survives the trip) and described for the test report.
 */
final class HostileValues {

    /** description → JSON string literal, quotes included. */
    static final Map<String, String> STRINGS = strings();

    private HostileValues() {
    }

    private static Map<String, String> strings() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("SQL injection", "\"x'; DROP TABLE datasets; --\"");
        values.put("SQL tautology", "\"' OR '1'='1\"");
        values.put("path traversal", "\"../../../../etc/passwd\"");
        values.put("Windows path traversal", "\"..\\\\..\\\\windows\\\\win.ini\"");
        values.put("absolute path", "\"/etc/passwd\"");
        values.put("HTML and script", "\"<script>alert(1)</script>\"");
        values.put("shell metacharacters", "\"$(rm -rf /); `id` | cat\"");
        values.put("NUL character", "\"a\\u0000b\"");
        values.put("control characters", "\"a\\u0007\\u001b[31mb\"");
        values.put("unpaired high surrogate", "\"a\\ud800b\"");
        values.put("unpaired low surrogate", "\"\\udc00\"");
        values.put("right-to-left override", "\"abc\\u202egpj.exe\"");
        values.put("zero-width space", "\"model\\u200b\"");
        values.put("byte order mark", "\"\\ufeffmodel\"");
        values.put("emoji", "\"model-\\ud83d\\ude00\"");
        values.put("combining characters", "\"e\\u0301\\u0301\\u0301\"");
        values.put("empty", "\"\"");
        values.put("blank", "\"   \"");
        values.put("very long (100,000 characters)", "\"" + "a".repeat(100_000) + "\"");
        values.put("line breaks", "\"a\\r\\nb\"");
        values.put("percent-encoding", "\"%2e%2e%2f%00\"");
        return values;
    }
}
