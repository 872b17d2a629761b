package io.dinplatform.api.openapi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Every number the document would call {@code float} (a Java {@code float} field: scores, learning rates, dropout
 * rates) is written {@code double}. JSON numbers carry no precision, and the API writes a float in its shortest
 * decimal form, which a double holds exactly; but the format {@code float} makes validators convert a value to a
 * 32-bit float and back, and refuse as an "overflow" every value that does not come back unchanged (a learning rate of
 * 0.0005, say), and makes generated clients round what they send to a float. With {@code double} a generated client
 * keeps a plain {@code Double}, where no format at all would give it a {@code BigDecimal}.
 */
public class DoubleNumbers implements OpenApiCustomizer {

    private static final String FLOAT = "float";
    private static final String DOUBLE = "double";

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            api.getComponents().getSchemas().values().forEach(DoubleNumbers::widen);
        }
        if (api.getPaths() != null) {
            api.getPaths().values().stream().flatMap(item -> item.readOperations().stream())
                    .forEach(DoubleNumbers::widen);
        }
    }

    private static void widen(Operation operation) {
        if (operation.getParameters() != null) {
            operation.getParameters().stream().map(Parameter::getSchema).forEach(DoubleNumbers::widen);
        }
        if (operation.getRequestBody() != null) {
            widen(operation.getRequestBody().getContent());
        }
        if (operation.getResponses() != null) {
            operation.getResponses().values().forEach(response -> widen(response.getContent()));
        }
    }

    private static void widen(Content content) {
        if (content != null) {
            content.values().stream().map(MediaType::getSchema).forEach(DoubleNumbers::widen);
        }
    }

    @SuppressWarnings("rawtypes")
    private static void widen(Schema schema) {
        if (schema == null) {
            return;
        }
        if (FLOAT.equals(schema.getFormat())) {
            schema.setFormat(DOUBLE);
        }
        nested(schema).forEach(DoubleNumbers::widen);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Stream<Schema> nested(Schema schema) {
        Stream<Schema> properties = schema.getProperties() == null ? Stream.empty()
                : ((Map<String, Schema>) schema.getProperties()).values().stream();
        Stream<Schema> additional = schema.getAdditionalProperties() instanceof Schema additionalSchema
                ? Stream.of(additionalSchema) : Stream.empty();
        Stream<Schema> composed = Stream.of(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())
                .filter(Objects::nonNull).flatMap(list -> ((List<Schema>) list).stream());
        return Stream.of(properties, Stream.ofNullable(schema.getItems()), additional, composed)
                .flatMap(stream -> stream);
    }
}
