package io.musicplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tools.jackson.databind.JsonNode;

/** House rules for the schema files: draft 2020-12, every field described, unknown properties allowed. */
class SchemaFilesTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void declaresDraft202012AndItsTitle(EventType type) {
        JsonNode schema = EventJson.schemaTree(type);

        assertThat(schema.path("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("title").asString()).isEqualTo(type.javaType().getSimpleName());
        assertThat(schema.path("description").asString()).contains(type.topic(), type.cloudEventType());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void describesEveryFieldAndAllowsUnknownProperties(EventType type) {
        List<String> problems = new ArrayList<>();
        inspect("$", EventJson.schemaTree(type), problems);

        assertThat(problems).isEmpty();
    }

    /** Schema and record must agree on every field name, in order, at every level of nesting. */
    @ParameterizedTest
    @EnumSource(EventType.class)
    void namesTheSameFieldsAsTheRecord(EventType type) {
        List<String> problems = new ArrayList<>();
        compareFields("$", EventJson.schemaTree(type), type.javaType(), problems);

        assertThat(problems).isEmpty();
    }

    private static void compareFields(String path, JsonNode schema, Class<?> record, List<String> problems) {
        List<String> schemaFields = List.copyOf(schema.path("properties").propertyNames());
        List<String> recordFields = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
        if (!schemaFields.equals(recordFields)) {
            problems.add(path + ": schema has " + schemaFields + ", " + record.getSimpleName() + " has " + recordFields);
        }
        for (RecordComponent component : record.getRecordComponents()) {
            if (component.getType().isRecord()) {
                compareFields(path + "." + component.getName(), schema.path("properties").path(component.getName()),
                        component.getType(), problems);
            }
        }
    }

    private static void inspect(String path, JsonNode schema, List<String> problems) {
        if (!schema.hasNonNull("description")) {
            problems.add(path + " has no description");
        }
        if (schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").asBoolean()) {
            problems.add(path + " forbids unknown properties");
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            inspect(path + "." + property.getKey(), property.getValue(), problems);
        }
        if (schema.has("items")) {
            inspect(path + "[]", schema.get("items"), problems);
        }
    }
}
