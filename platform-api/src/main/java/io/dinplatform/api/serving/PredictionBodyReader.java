package io.dinplatform.api.serving;

import io.dinplatform.core.data.encode.RowEncoder;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a predict body, {@code {"instances": [...], "explain": true}}, with Jackson's streaming parser straight into
 * the model's encoded rows ({@link RowEncoder}): every value goes to its vocabulary as it is read, and no instance is
 * ever a map or a tree. The parser is the application mapper's, with its limits.
 *
 * <p>A body this reader does not take as it stands (not an object, an unknown property, a value of the wrong JSON
 * type where the request's structure is, broken JSON, trailing tokens) is read again by the application's mapper
 * into a {@link PredictionRequest}, so that it is refused with exactly the error a bound request body gets, or, in
 * the few cases the mapper accepts by coercion, answered like one.
 */
final class PredictionBodyReader {

    private final JsonMapper mapper;
    /** {@code explain}, wherever it stands in the body (see {@link RankBodyReader#inTheMiddle}). */
    private final ObjectReader explainReader;

    PredictionBodyReader(JsonMapper mapper) {
        this.mapper = mapper;
        this.explainReader = RankBodyReader.inTheMiddle(mapper, Boolean.class);
    }

    /**
     * What a body held: the encoded instances, or, for a body the stream did not take, the mapper's reading of it.
     *
     * @param rows         the instances, value by value (null when {@code bound} answers instead)
     * @param instances    how many instances the body holds; -1 when {@code instances} is absent or null
     * @param firstNull    the position of the first null instance, or -1
     * @param explain      whether explanations were asked for
     * @param bound        the mapper's reading of a body the stream did not take (null for a JSON null body)
     * @param streamed     false when the mapper read the body
     */
    record Body(RowEncoder rows, int instances, int firstNull, boolean explain, PredictionRequest bound,
                boolean streamed) {
    }

    /**
     * @param rows         the model's row encoder for this request
     * @param maxInstances past this many instances, the rest are counted but not encoded (the request is refused)
     * @throws JacksonException when the mapper cannot read the body either
     */
    Body read(byte[] body, RowEncoder rows, int maxInstances) {
        try (JsonParser parser = mapper.createParser(body)) {
            Body streamed = stream(parser, rows, maxInstances);
            if (streamed != null && parser.nextToken() == null) {
                return streamed;
            }
        } catch (JacksonException e) {
            // read again below, for the mapper's own error
        }
        return new Body(null, -1, -1, false, mapper.readValue(body, PredictionRequest.class), false);
    }

    /** The body's instances into the rows; null when the body is not a request this reader takes as it stands. */
    private Body stream(JsonParser parser, RowEncoder rows, int maxInstances) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        int instances = -1;
        int firstNull = -1;
        Boolean explain = null;
        boolean explainSeen = false;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String property = parser.currentName();
            JsonToken value = parser.nextToken();
            if (property.equals("instances") && instances == -1 && firstNull == -1) {
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    return null;
                }
                instances = 0;
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    if (item == JsonToken.VALUE_NULL) {
                        firstNull = firstNull < 0 ? instances : firstNull;
                    } else if (item != JsonToken.START_OBJECT) {
                        return null;
                    } else if (instances < maxInstances && firstNull < 0) {
                        instance(parser, rows);
                    } else {
                        parser.skipChildren(); // the request is refused: count, do not encode
                    }
                    instances++;
                }
            } else if (property.equals("explain") && !explainSeen) {
                explain = explainReader.readValue(parser);
                explainSeen = true;
            } else {
                return null;
            }
        }
        return new Body(rows, instances, firstNull, Boolean.TRUE.equals(explain), null, true);
    }

    /** One instance object, the parser on its START_OBJECT; leaves it on the END_OBJECT. */
    private static void instance(JsonParser parser, RowEncoder rows) {
        rows.beginInstance();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            int slot = rows.slot(parser.currentName());
            JsonToken value = parser.nextToken();
            if (slot == RowEncoder.IGNORED) {
                parser.skipChildren();
            } else if (value == JsonToken.START_ARRAY && rows.isSequence(slot)) {
                rows.beginSequence(slot);
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    rows.item(scalar(parser, item));
                }
                rows.endSequence();
            } else {
                rows.value(slot, scalar(parser, value));
            }
        }
        rows.endInstance();
    }

    /**
     * The value under the parser as the mapper would bind it into a map (strings, Integer, Long or BigInteger,
     * Double, Boolean, null), or {@link RowEncoder#LIST} or {@link RowEncoder#OBJECT} for a structure, which it skips.
     */
    static Object scalar(JsonParser parser, JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case START_ARRAY -> {
                parser.skipChildren();
                yield RowEncoder.LIST;
            }
            case START_OBJECT -> {
                parser.skipChildren();
                yield RowEncoder.OBJECT;
            }
            default -> null;
        };
    }
}
