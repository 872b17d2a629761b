package io.dinplatform.api.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;

import io.dinplatform.api.error.FieldError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The values one field of the run request may take in a sweep.
 *
 * @param type   how values are drawn
 * @param values the values of a CHOICE
 * @param low    the lowest value of a range
 * @param high   the highest value of a range
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParameterSpace(ParameterKind type, List<JsonNode> values, Double low, Double high) {

    /** The most values a GRID may enumerate from one field. */
    static final int MAX_GRID_VALUES = 1000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What is wrong with the space, each naming {@code field} (e.g. {@code space.training.batchSize.high}). */
    List<FieldError> problems(String field) {
        List<FieldError> problems = new ArrayList<>();
        if (type == null) {
            problems.add(new FieldError(field + ".type", "required (CHOICE, UNIFORM, LOG_UNIFORM or INT_RANGE)"));
            return problems;
        }
        if (type == ParameterKind.CHOICE) {
            if (values == null || values.isEmpty()) {
                problems.add(new FieldError(field + ".values", "a CHOICE needs at least one value"));
            }
            return problems;
        }
        if (low == null || high == null || !Double.isFinite(low) || !Double.isFinite(high)) {
            problems.add(new FieldError(field, "a " + type + " needs finite low and high"));
        } else if (low > high) {
            problems.add(new FieldError(field + ".low", "low (" + low + ") is above high (" + high + ")"));
        } else if (type == ParameterKind.LOG_UNIFORM && low <= 0) {
            problems.add(new FieldError(field + ".low", "a LOG_UNIFORM range must lie above 0, got low " + low));
        } else if (type == ParameterKind.INT_RANGE && (low != Math.rint(low) || high != Math.rint(high))) {
            problems.add(new FieldError(field, "an INT_RANGE needs whole low and high"));
        }
        return problems;
    }

    /** Why a GRID cannot list every value of this (otherwise valid) space: it is continuous or too large. */
    List<FieldError> gridProblems(String field) {
        if (type == ParameterKind.UNIFORM || type == ParameterKind.LOG_UNIFORM) {
            return List.of(new FieldError(field + ".type", "a GRID lists every value: use CHOICE or INT_RANGE"));
        }
        if (type == ParameterKind.INT_RANGE && low != null && high != null && high - low + 1 > MAX_GRID_VALUES) {
            return List.of(new FieldError(field, "a GRID lists at most " + MAX_GRID_VALUES + " values of a field, "
                    + "this range has " + (long) (high - low + 1)));
        }
        return List.of();
    }

    /** Every value, for a grid (a CHOICE or an INT_RANGE that {@link #gridProblems} accepts). */
    List<JsonNode> grid() {
        if (type == ParameterKind.CHOICE) {
            return values;
        }
        return LongStream.rangeClosed(low.longValue(), high.longValue())
                .mapToObj(v -> (JsonNode) NODES.numberNode(v)).toList();
    }

    /** The values that bound the space: checked as run requests before the sweep starts. */
    List<JsonNode> extremes() {
        return type == ParameterKind.CHOICE ? values : List.of(value(low), value(high));
    }

    /** One value drawn at random. */
    JsonNode sample(RandomGenerator random) {
        return switch (type) {
            case CHOICE -> values.get(random.nextInt(values.size()));
            case UNIFORM -> value(low + random.nextDouble() * (high - low));
            case LOG_UNIFORM -> value(Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low))));
            case INT_RANGE -> value(low + random.nextInt((int) (high - low) + 1));
        };
    }

    /** The value as the run request takes it: a whole number for an INT_RANGE. */
    JsonNode value(double x) {
        return type == ParameterKind.INT_RANGE ? NODES.numberNode(Math.round(x)) : NODES.numberNode(x);
    }
}
