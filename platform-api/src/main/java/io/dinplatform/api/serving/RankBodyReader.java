package io.dinplatform.api.serving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dinplatform.core.data.encode.RowEncoder;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a rank body, {@code {"context": {...}, "candidates": [...], "topK": 10, "explain": true}}, with Jackson's
 * streaming parser: the context (one small object) into a map, and every candidate straight into its encoded row,
 * the context's values under the candidate's own and every history empty, as {@code Scorer.rankCandidates} merges
 * them. A ranking of a thousand candidates builds no map per candidate.
 *
 * <p>Two passes over the bytes: the first reads the context, {@code topK} and {@code explain} and notes where the
 * candidates start (a client may send them before the context), the second encodes the candidates from there.
 *
 * <p>A body this reader does not take as it stands is read by the application's mapper into a {@link RankRequest}
 * instead, so that whatever it answers (an error, or a coerced value) is exactly what a bound body gets: anything
 * but an object, an unknown or repeated property, a context that is not an object of scalars and lists, a
 * candidate that is not an object of scalar values (a candidate's own history is the bound path's business), broken
 * JSON.
 */
final class RankBodyReader {

    private final JsonMapper mapper;
    /*
     * A value in the middle of the body, read with the mapper's settings but not its trailing-token check (on by
     * default in Jackson 3), which would take the rest of the body for garbage after the value.
     */
    private final ObjectReader contextReader;
    private final ObjectReader topKReader;
    private final ObjectReader explainReader;

    RankBodyReader(JsonMapper mapper) {
        this.mapper = mapper;
        this.contextReader = inTheMiddle(mapper, LinkedHashMap.class);
        this.topKReader = inTheMiddle(mapper, Integer.class);
        this.explainReader = inTheMiddle(mapper, Boolean.class);
    }

    static ObjectReader inTheMiddle(JsonMapper mapper, Class<?> type) {
        return mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * What a body held.
     *
     * @param context       the user's side as sent (null when absent)
     * @param first         the first candidate's values, for the user's row (null without candidates)
     * @param items         a row per candidate (null when {@code bound} answers instead)
     * @param candidates    how many candidates the body holds; -1 when {@code candidates} is absent or null
     * @param firstNull     the position of the first null candidate, or -1
     * @param carryUserSide whether some candidate gives a profile, context or numeric value of its own
     * @param topK          as sent, or null
     * @param explain       whether explanations were asked for
     * @param bound         the mapper's reading of a body the stream did not take
     */
    record Body(Map<String, Object> context, Map<String, Object> first, RowEncoder items, int candidates,
                int firstNull, boolean carryUserSide, Integer topK, boolean explain, RankRequest bound) {

        boolean streamed() {
            return bound == null;
        }
    }

    /**
     * @param schema        the model's schema
     * @param items         the model's row encoder for this request
     * @param maxCandidates past this many candidates, the rest are counted but not encoded (the request is refused)
     * @throws JacksonException when the mapper cannot read the body either
     */
    Body read(byte[] body, FeatureSchema schema, RowEncoder items, int maxCandidates) {
        try {
            Body streamed = stream(body, schema, items, maxCandidates);
            if (streamed != null) {
                return streamed;
            }
        } catch (JacksonException e) {
            // read again below, for the mapper's own error
        }
        return new Body(null, null, null, -1, -1, false, null, false, bound(body));
    }

    /**
     * The mapper's reading of the body, as Spring would bind it.
     *
     * @throws JacksonException when it is not a readable rank request
     * @throws PredictionService.MissingBodyException for a JSON null
     */
    RankRequest bound(byte[] body) {
        RankRequest bound = mapper.readValue(body, RankRequest.class);
        if (bound == null) {
            throw new PredictionService.MissingBodyException();
        }
        return bound;
    }

    private Body stream(byte[] body, FeatureSchema schema, RowEncoder items, int maxCandidates) {
        Head head = head(body);
        if (head == null) {
            return null;
        }
        if (head.candidatesAt() < 0) {
            return new Body(head.context(), null, items, -1, -1, false, head.topK(), head.explain(), null);
        }
        Candidates candidates = new Candidates(schema, items, head.context());
        if (!candidates.contextTaken()) {
            return null;
        }
        try (JsonParser parser = mapper.createParser(body, head.candidatesAt(), body.length - head.candidatesAt())) {
            if (parser.nextToken() != JsonToken.START_ARRAY || !candidates.read(parser, maxCandidates)) {
                return null;
            }
        }
        return new Body(head.context(), candidates.first, items, candidates.count, candidates.firstNull,
                candidates.carryUserSide, head.topK(), head.explain(), null);
    }

    /**
     * The first pass: the context, topK and explain, and the byte offset of the candidates' array (-1 when absent or
     * null); null when the body is not one this reader takes.
     */
    private record Head(Map<String, Object> context, int candidatesAt, Integer topK, boolean explain) {
    }

    @SuppressWarnings("unchecked")
    private Head head(byte[] body) {
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, Object> context = null;
            int candidatesAt = -1;
            Integer topK = null;
            Boolean explain = null;
            Set<String> seen = new HashSet<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String property = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!seen.add(property)) {
                    return null;
                }
                switch (property) {
                    case "context" -> {
                        if (value != JsonToken.START_OBJECT) {
                            return null;
                        }
                        context = contextReader.readValue(parser);
                    }
                    case "candidates" -> {
                        if (value == JsonToken.START_ARRAY) {
                            candidatesAt = (int) parser.currentTokenLocation().getByteOffset();
                            parser.skipChildren();
                        } else if (value != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    case "topK" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NULL) {
                            return null;
                        }
                        topK = topKReader.readValue(parser);
                    }
                    case "explain" -> explain = explainReader.readValue(parser);
                    default -> {
                        return null;
                    }
                }
            }
            return parser.nextToken() == null ? new Head(context, candidatesAt, topK, Boolean.TRUE.equals(explain))
                    : null;
        }
    }

    /** The second pass: each candidate into its row, with what the context adds to it. */
    private static final class Candidates {

        private final RowEncoder items;
        private final Set<String> userSide = new HashSet<>();
        private final int[] sequenceSlots;
        /** The context's values that rows take, with their slots, when the candidate does not give its own. */
        private final List<Integer> contextSlots = new ArrayList<>();
        private final List<Object> contextValues = new ArrayList<>();
        private boolean contextTaken = true;
        /** Per slot, the candidate (counted from 1) that last gave it. */
        private int[] givenBy = new int[8];

        private Map<String, Object> first;
        private int count;
        private int firstNull = -1;
        private boolean carryUserSide;

        Candidates(FeatureSchema schema, RowEncoder items, Map<String, Object> context) {
            this.items = items;
            schema.profileAndContext().forEach(f -> userSide.add(f.name()));
            schema.numeric().forEach(f -> userSide.add(f.name()));
            this.sequenceSlots = schema.sequences().stream().map(FeatureSpec::name).mapToInt(items::slot).toArray();
            if (context == null) {
                return;
            }
            context.forEach((field, value) -> {
                int slot = items.slot(field);
                if (slot == RowEncoder.IGNORED || items.isSequence(slot)) {
                    return; // a row's histories are empty: the user's row carries them
                }
                if (value instanceof List<?> || value instanceof Map<?, ?>) {
                    contextTaken = false; // the bound path reports it
                    return;
                }
                contextSlots.add(slot);
                contextValues.add(value);
            });
        }

        boolean contextTaken() {
            return contextTaken;
        }

        /** Reads the array, the parser on its START_ARRAY; false when a candidate is not one this reader takes. */
        boolean read(JsonParser parser, int maxCandidates) {
            for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                if (item == JsonToken.VALUE_NULL) {
                    firstNull = firstNull < 0 ? count : firstNull;
                } else if (item != JsonToken.START_OBJECT) {
                    return false;
                } else if (count < maxCandidates && firstNull < 0) {
                    if (!candidate(parser)) {
                        return false;
                    }
                } else {
                    parser.skipChildren(); // the request is refused: count, do not encode
                }
                count++;
            }
            return true;
        }

        /** One candidate object, the parser on its START_OBJECT; leaves it on the END_OBJECT. */
        private boolean candidate(JsonParser parser) {
            int number = count + 1;
            Map<String, Object> values = count == 0 ? new LinkedHashMap<>() : null;
            items.beginInstance();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                Object scalar = PredictionBodyReader.scalar(parser, value);
                if (scalar == RowEncoder.LIST || scalar == RowEncoder.OBJECT) {
                    return false; // a structure: the bound path's business
                }
                int slot = items.slot(field);
                if (slot != RowEncoder.IGNORED) {
                    if (items.isSequence(slot)) {
                        return false;
                    }
                    items.value(slot, scalar);
                    given(slot, number);
                    carryUserSide |= userSide.contains(field);
                }
                if (values != null) {
                    values.put(field, scalar);
                }
            }
            for (int c = 0; c < contextSlots.size(); c++) {
                int slot = contextSlots.get(c);
                if (givenBy(slot) != number) {
                    items.value(slot, contextValues.get(c));
                }
            }
            for (int slot : sequenceSlots) {
                items.beginSequence(slot);
                items.endSequence();
            }
            items.endInstance();
            if (values != null) {
                first = values;
            }
            return true;
        }

        private void given(int slot, int number) {
            if (slot >= givenBy.length) {
                givenBy = Arrays.copyOf(givenBy, Math.max(slot + 1, givenBy.length * 2));
            }
            givenBy[slot] = number;
        }

        private int givenBy(int slot) {
            return slot < givenBy.length ? givenBy[slot] : 0;
        }
    }
}
