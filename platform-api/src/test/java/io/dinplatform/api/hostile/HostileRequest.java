package io.dinplatform.api.hostile;

import java.nio.charset.StandardCharsets;

import org.springframework.http.MediaType;

/**
 * One hostile request and what the platform must do with it.
 *
 * @param description what is hostile about it, for the test report
 * @param method      the HTTP method
 * @param path        the raw path and query, already percent-encoded
 * @param contentType the body's type, or null without a body
 * @param body        the body's bytes, or null
 * @param expect      refused with a 4xx problem, or merely harmless
 */
record HostileRequest(String description, String method, String path, MediaType contentType, byte[] body,
                      Expect expect) {

    /** What must come back. */
    enum Expect {
        /** A 4xx with problem details. */
        REFUSED,
        /**
         * A 4xx in the Open Inference Protocol's form, {@code {"error": "..."}}, or as problem details where the
         * request is refused before it reaches the protocol's endpoint (token, body size, content type).
         */
        REFUSED_BY_INFERENCE,
        /** A 4xx that the servlet container may answer itself, before the application sees the request. */
        REFUSED_MAYBE_BY_CONTAINER,
        /** Anything but a 5xx (e.g. an unknown id scores like a rare one); problem details when it is an error. */
        HARMLESS
    }

    static HostileRequest json(String description, String method, String path, String json, Expect expect) {
        return new HostileRequest(description, method, path, MediaType.APPLICATION_JSON,
                json.getBytes(StandardCharsets.UTF_8), expect);
    }

    static HostileRequest bodiless(String description, String method, String path, Expect expect) {
        return new HostileRequest(description, method, path, null, null, expect);
    }

    /** The report shows the description and the request line, not a 100,000-character body. */
    @Override
    public String toString() {
        String line = method + " " + (path.length() > 80 ? path.substring(0, 77) + "..." : path);
        return description + " (" + line + ")";
    }
}
