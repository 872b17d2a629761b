package io.dinplatform.registry.impression;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON text of logged features for the impression log's {@code jsonb} columns. PostgreSQL's {@code jsonb} refuses the
 * NUL character even as the escape {@code \u0000}, and one refused document fails the write of its whole batch: a
 * served value holding one (an unknown id is served, and logged, as sent) is logged with U+FFFD, the replacement
 * character, in its place.
 */
final class LoggedJson {

    /** What a NUL character is logged as. */
    static final char REPLACEMENT = '\uFFFD';

    private static final ObjectWriter WRITER = JsonMapper.shared().writer().with(new NulAsReplacement());

    private LoggedJson() {
    }

    /** The document's JSON text; null stays SQL NULL. */
    static String of(JsonNode document) {
        return document == null ? null : WRITER.writeValueAsString(document);
    }

    /** JSON's standard escapes, but U+FFFD for NUL. */
    private static final class NulAsReplacement extends CharacterEscapes {

        private static final int[] ESCAPES = escapes();
        private static final SerializedString REPLACED = new SerializedString(String.valueOf(REPLACEMENT));

        private static int[] escapes() {
            int[] escapes = standardAsciiEscapesForJSON();
            escapes[0] = ESCAPE_CUSTOM;
            return escapes;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ESCAPES;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0 ? REPLACED : null;
        }
    }
}
