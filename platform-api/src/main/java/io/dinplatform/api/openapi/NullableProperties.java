package io.dinplatform.api.openapi;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The API writes an absent value as {@code null} (Jackson's default), and reads a {@code null} as absent: so every
 * property of a schema that its {@code required} list does not name is nullable. Except a property that refers to
 * another schema (an object): OpenAPI 3.0 has no way to say "that schema or null" that validators accept, so the API
 * leaves such a value out when it has none ({@code @JsonInclude(NON_NULL)} on the view's field) and the document
 * keeps the plain reference.
 *
 * <p>It also drops a pattern written with Java's Unicode classes ({@code \p{L}}), which JSON Schema's regular
 * expressions (ECMA 262) lack: validators would refuse every value; the property's description states the rule.
 */
public class NullableProperties implements OpenApiCustomizer {

    @Override
    @SuppressWarnings("rawtypes")
    public void customise(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        api.getComponents().getSchemas().values().forEach(NullableProperties::optionalMeansNullable);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void optionalMeansNullable(Schema schema) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        properties.replaceAll((name, property) -> {
            optionalMeansNullable(property);
            if (property.getPattern() != null && property.getPattern().contains("\\p{")) {
                property.setPattern(null);
            }
            if (required.contains(name)) {
                return property;
            }
            return property.get$ref() == null ? property.nullable(true) : property;
        });
    }
}
