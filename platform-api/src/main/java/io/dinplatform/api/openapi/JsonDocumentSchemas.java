package io.dinplatform.api.openapi;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The real shapes of JSON documents that the API passes through as they are stored (a run's progress, metrics and
 * request): such a view field is a {@code JsonNode}, which the document would show as any object; each one named
 * here refers to the schema of a record that describes the document instead.
 */
public class JsonDocumentSchemas implements OpenApiCustomizer {

    private final List<TypedProperty> properties = new ArrayList<>();

    /** Describes {@code property} of the schema {@code schema} by {@code shape}'s schema. */
    public JsonDocumentSchemas property(String schema, String property, Class<?> shape) {
        properties.add(new TypedProperty(schema, property, shape));
        return this;
    }

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        properties.forEach(typed -> typed.describe(api.getComponents()));
    }

    private record TypedProperty(String schema, String property, Class<?> shape) {

        @SuppressWarnings("rawtypes")
        void describe(Components components) {
            Schema owner = components.getSchemas() == null ? null : components.getSchemas().get(schema);
            if (owner == null || owner.getProperties() == null || !owner.getProperties().containsKey(property)) {
                throw new IllegalStateException("the OpenAPI document has no property " + schema + "." + property);
            }
            ModelConverters.getInstance().readAll(shape)
                    .forEach((name, found) -> components.getSchemas().putIfAbsent(name, found));
            String name = shape.getSimpleName();
            io.swagger.v3.oas.annotations.media.Schema annotation =
                    shape.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
            if (annotation != null && !annotation.name().isEmpty()) {
                name = annotation.name();
            }
            Schema described = (Schema) owner.getProperties().get(property);
            owner.getProperties().put(property, new Schema<>().$ref(Components.COMPONENTS_SCHEMAS_REF + name)
                    .description(described.getDescription()));
        }
    }
}
