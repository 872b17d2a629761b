package io.dinplatform.core.schema;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FeatureSchemaJsonTest {

    private static final String DESIGN_EXAMPLE = """
            {"label": "label", "group": "user_id",
             "features": [{"name": "user_id", "kind": "CATEGORICAL"},
                          {"name": "item_id", "kind": "CATEGORICAL"}, {"name": "cate_id", "kind": "CATEGORICAL"},
                          {"name": "hist_item_id", "kind": "SEQUENCE", "target": "item_id", "maxLength": 50},
                          {"name": "hist_cate_id", "kind": "SEQUENCE", "target": "cate_id", "maxLength": 50}]}
            """;

    @Test
    void readsTheSchemaOfTheDesign() {
        FeatureSchema schema = FeatureSchemaJson.parse(DESIGN_EXAMPLE);

        assertThat(schema.label()).isEqualTo("label");
        assertThat(schema.effectiveGroup()).isEqualTo("user_id");
        assertThat(schema.split()).isNull();
        assertThat(schema.sequenceDelimiterChar()).isEqualTo('|');
        assertThat(schema.features()).containsExactly(
                FeatureSpec.categorical("user_id"), FeatureSpec.categorical("item_id"),
                FeatureSpec.categorical("cate_id"), FeatureSpec.sequence("hist_item_id", "item_id", 50),
                FeatureSpec.sequence("hist_cate_id", "cate_id", 50));
        assertThat(schema.profileAndContext()).extracting(FeatureSpec::name).containsExactly("user_id");
        assertThat(schema.maxHistoryLength()).isEqualTo(50);
    }

    @Test
    void readsTheOptionalFieldsAndWritesThemBack() {
        String json = """
                {"label": "click", "split": "part", "sequenceDelimiter": "^",
                 "features": [{"name": "item", "kind": "categorical", "minCount": 5, "idDropout": 0.25},
                              {"name": "hist", "kind": "SEQUENCE", "target": "item", "maxLength": 20},
                              {"name": "price", "kind": "NUMERIC"}]}
                """;

        FeatureSchema schema = FeatureSchemaJson.parse(json);

        assertThat(schema.split()).isEqualTo("part");
        assertThat(schema.sequenceDelimiterChar()).isEqualTo('^');
        assertThat(schema.feature("item").orElseThrow().effectiveMinCount()).isEqualTo(5);
        assertThat(schema.feature("item").orElseThrow().idDropout()).isEqualTo(0.25f);
        assertThat(schema.effectiveGroup()).as("defaults to the first categorical feature").isEqualTo("item");
        assertThat(FeatureSchemaJson.parse(FeatureSchemaJson.toJson(schema))).isEqualTo(schema);
        assertThat(FeatureSchemaJson.toJson(schema)).doesNotContain("null");
    }

    @Test
    void namesAnUnknownPropertySoATypoIsNotIgnored() {
        String json = """
                {"label": "label", "lable": "x",
                 "features": [{"name": "item", "kind": "CATEGORICAL"},
                              {"name": "hist", "kind": "SEQUENCE", "target": "item", "maxLenght": 20}]}
                """;

        assertThat(problems(json)).anySatisfy(p -> assertThat(p).startsWith("schema.lable: unknown property"))
                .anySatisfy(p -> assertThat(p).startsWith("features[1].maxLenght: unknown property"))
                .anySatisfy(p -> assertThat(p).startsWith("features[1].maxLength: required"));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String json = """
                {"label": "item", "group": "label2", "split": "price",
                 "features": [{"name": "item", "kind": "CATEGORICAL"},
                              {"name": "item", "kind": "CATEGORICAL"},
                              {"kind": "CATEGORICAL"},
                              {"name": "shape", "kind": "VECTOR"},
                              {"name": "price", "kind": "NUMERIC", "maxLength": 3},
                              {"name": "hist_a", "kind": "SEQUENCE", "target": "price", "maxLength": 10},
                              {"name": "hist_b", "kind": "SEQUENCE", "target": "nothing", "maxLength": 0},
                              {"name": "hist_c", "kind": "SEQUENCE", "maxLength": 1001},
                              {"name": "hist_d", "kind": "SEQUENCE", "target": "item", "maxLength": 20}]}
                """;

        assertThat(problems(json)).contains(
                "features[1].name: duplicate feature name 'item'",
                "features[2].name: required",
                "features[3].kind: unknown kind 'VECTOR' (one of CATEGORICAL, SEQUENCE, NUMERIC)",
                "features[4].maxLength: only a SEQUENCE has a maxLength, this feature is NUMERIC",
                "features[5].target: 'price' must be a CATEGORICAL feature, it is NUMERIC",
                "features[6].target: 'nothing' is not a feature of the schema",
                "features[6].maxLength: must be between 1 and 1000, got 0",
                "features[7].maxLength: must be between 1 and 1000, got 1001",
                "label: 'item' is also a feature; the label must not be an input",
                "split: 'price' is also a feature")
                .anySatisfy(p -> assertThat(p).startsWith("features[7].target: required"))
                .anySatisfy(p -> assertThat(p).startsWith("features: all SEQUENCE features form one aligned history"));
    }

    @Test
    void rejectsSchemasWithoutFeaturesOrLabel() {
        assertThat(problems("{\"features\": []}"))
                .contains("features: at least one feature is required")
                .anySatisfy(p -> assertThat(p).startsWith("label: required"));
    }

    @Test
    void rejectsCollisionsBetweenLabelGroupAndSplit() {
        String json = """
                {"label": "y", "group": "y", "split": "y", "features": [{"name": "item", "kind": "CATEGORICAL"}]}
                """;

        assertThat(problems(json)).contains("split: 'y' is also the label", "group: 'y' is also the label");
    }

    @Test
    void rejectsAMinCountOnASequenceAndBelowOne() {
        String json = """
                {"label": "y", "features": [{"name": "item", "kind": "CATEGORICAL", "minCount": 0},
                  {"name": "hist", "kind": "SEQUENCE", "target": "item", "maxLength": 5, "minCount": 2}]}
                """;

        assertThat(problems(json)).contains("features[0].minCount: must be at least 1, got 0")
                .anySatisfy(p -> assertThat(p).startsWith("features[1].minCount: a SEQUENCE uses the vocabulary"));
    }

    @Test
    void rejectsAnIdDropoutOutsideZeroToOneOrOnAFeatureWithoutItsOwnTable() {
        String json = """
                {"label": "y", "features": [{"name": "item", "kind": "CATEGORICAL", "idDropout": 1},
                  {"name": "hist", "kind": "SEQUENCE", "target": "item", "maxLength": 5, "idDropout": 0.1},
                  {"name": "price", "kind": "NUMERIC", "idDropout": 0.1},
                  {"name": "user", "kind": "CATEGORICAL", "idDropout": "high"}]}
                """;

        assertThat(problems(json)).contains("features[0].idDropout: must be at least 0 and below 1, got 1.0",
                        "features[2].idDropout: only a CATEGORICAL feature has an id dropout, this feature is NUMERIC",
                        "features[3].idDropout: must be a number, got \"high\"")
                .anySatisfy(p -> assertThat(p).startsWith("features[1].idDropout: a SEQUENCE uses the vocabulary"));
    }

    @Test
    void rejectsAnUnusableSequenceDelimiter() {
        String json = """
                {"label": "y", "sequenceDelimiter": ",", "features": [{"name": "item", "kind": "CATEGORICAL"}]}
                """;

        assertThat(problems(json)).anySatisfy(p -> assertThat(p).startsWith("sequenceDelimiter: ','"));
        assertThat(problems(json.replace("\",\"", "\"||\""))).anySatisfy(p ->
                assertThat(p).startsWith("sequenceDelimiter: must be exactly one character"));
    }

    @Test
    void rejectsWrongTypesAndMalformedJson() {
        String json = """
                {"label": 1, "features": [{"name": "hist", "kind": "SEQUENCE", "target": "x", "maxLength": "50"}]}
                """;

        assertThat(problems(json)).contains("label: must be a string, got 1",
                "features[0].maxLength: must be an integer, got \"50\"");
        assertThat(problems("{\"label\": ")).singleElement()
                .satisfies(p -> assertThat(p).startsWith("schema: not valid JSON"));
        assertThat(problems("[1, 2]")).containsExactly("schema: must be a JSON object");
    }

    @Test
    void theValidatorChecksSchemasBuiltInCode() {
        FeatureSchema schema = new FeatureSchema("label", null, null, null,
                List.of(FeatureSpec.categorical("item"), FeatureSpec.sequence("hist", "item", 5)));

        assertThat(FeatureSchemaValidator.validate(schema)).isSameAs(schema);
        assertThatThrownBy(() -> FeatureSchemaValidator.validate(new FeatureSchema(null, null, null, null,
                List.of(FeatureSpec.numeric("x"))))).isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("label: required")
                .hasMessageContaining("group: required when the schema has no CATEGORICAL feature");
    }

    @Test
    void eachProblemKeepsItsFieldApartFromItsReason() {
        InvalidSchemaException e = catchThrowableOfType(InvalidSchemaException.class, () -> FeatureSchemaJson.parse("""
                {"label": "label", "features": [{"name": "item", "kind": "CATEGORICAL"},
                                                {"name": "hist: recent", "kind": "SEQUENCE", "target": "item"}]}
                """));

        assertThat(e.problems()).containsExactly(
                new SchemaProblem("features[1].maxLength", "required for a SEQUENCE (1..1000)"));
        assertThat(e).hasMessage("invalid feature schema: features[1].maxLength: required for a SEQUENCE (1..1000)");
    }

    private static List<String> problems(String json) {
        InvalidSchemaException e = catchThrowableOfType(InvalidSchemaException.class,
                () -> FeatureSchemaJson.parse(json));
        assertThat(e).as("the schema should be rejected").isNotNull();
        return e.problems().stream().map(SchemaProblem::toString).toList();
    }
}
