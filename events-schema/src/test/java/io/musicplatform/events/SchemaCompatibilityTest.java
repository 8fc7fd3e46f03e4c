package io.musicplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The checker itself, exercised on mutated copies of the real schemas. */
class SchemaCompatibilityTest {

    private final ObjectNode ingested = (ObjectNode) EventJson.schemaTree(EventType.TRACK_INGESTED);
    private final ObjectNode played = (ObjectNode) EventJson.schemaTree(EventType.TRACK_PLAYED);

    @Test
    void aSchemaIsCompatibleWithItself() {
        assertThat(SchemaCompatibility.check(ingested, ingested.deepCopy())).isEmpty();
        assertThat(SchemaCompatibility.check(played, played.deepCopy())).isEmpty();
    }

    @Test
    void removingAPropertyBreaks() {
        ObjectNode next = ingested.deepCopy();
        properties(next).remove("genre");
        properties(properties(next).get("media")).remove("codec");

        assertThat(SchemaCompatibility.check(ingested, next))
                .contains("$.genre: property removed", "$.media.codec: property removed");
    }

    @Test
    void changingAPropertyTypeBreaks() {
        ObjectNode next = played.deepCopy();
        ((ObjectNode) properties(properties(next).get("track")).get("durationMs")).put("type", "string");

        assertThat(SchemaCompatibility.check(played, next))
                .containsExactly("$.track.durationMs: type changed from integer to string");
    }

    @Test
    void makingANullablePropertyNonNullBreaks() {
        ObjectNode next = ingested.deepCopy();
        ((ObjectNode) properties(next).get("year")).put("type", "integer");

        assertThat(SchemaCompatibility.check(ingested, next))
                .containsExactly("$.year: type changed from integer|null to integer");
    }

    @Test
    void makingAnOptionalPropertyRequiredBreaks() {
        ObjectNode next = played.deepCopy();
        ((ArrayNode) ((ObjectNode) properties(next).get("context")).get("required")).add("country");

        assertThat(SchemaCompatibility.check(played, next)).singleElement().asString()
                .startsWith("$.context.country: optional property became required");
    }

    @Test
    void addingARequiredPropertyBreaks() {
        ObjectNode next = played.deepCopy();
        properties(next).putObject("sessionId").put("type", "string").put("description", "Listening session.");
        ((ArrayNode) next.get("required")).add("sessionId");

        assertThat(SchemaCompatibility.check(played, next)).singleElement().asString()
                .startsWith("$.sessionId: new property is required");
    }

    @Test
    void makingARequiredPropertyOptionalBreaks() {
        ObjectNode next = played.deepCopy();
        ArrayNode required = (ArrayNode) next.get("required");
        required.removeAll();
        required.add("eventId").add("occurredAt").add("trackId").add("context").add("track");

        assertThat(SchemaCompatibility.check(played, next)).singleElement().asString()
                .startsWith("$.userId: required property became optional");
    }

    @Test
    void removingAnEnumValueBreaks() {
        ObjectNode next = ingested.deepCopy();
        ObjectNode status = (ObjectNode) properties(next).get("status");
        status.putArray("enum").add("AVAILABLE");

        assertThat(SchemaCompatibility.check(ingested, next)).containsExactly("$.status: enum value \"TAKEN_DOWN\" removed");
    }

    @Test
    void narrowingAStringBreaks() {
        ObjectNode next = played.deepCopy();
        ((ObjectNode) properties(next).get("userId")).put("format", "uuid");
        ((ObjectNode) properties(properties(next).get("context")).get("country")).put("pattern", "^[A-Z]{3}$");

        assertThat(SchemaCompatibility.check(played, next)).containsExactlyInAnyOrder(
                "$.userId: format \"uuid\" added, narrows what is valid",
                "$.context.country: pattern changed from \"^[A-Z]{2}$\" to \"^[A-Z]{3}$\"");
    }

    @Test
    void changesInsideArrayItemsAreFound() {
        ObjectNode next = ingested.deepCopy();
        ((ObjectNode) ((ObjectNode) properties(next).get("territories")).get("items")).put("type", "integer");

        assertThat(SchemaCompatibility.check(ingested, next))
                .containsExactly("$.territories[]: type changed from string to integer");
    }

    @Test
    void closingAnObjectToUnknownPropertiesBreaks() {
        ObjectNode next = played.deepCopy();
        ((ObjectNode) properties(next).get("track")).put("additionalProperties", false);

        assertThat(SchemaCompatibility.check(played, next))
                .containsExactly("$.track: additionalProperties false added, narrows what is valid");
    }

    @Test
    void addingAnOptionalPropertyOrAnEnumValueOrADescriptionIsFine() {
        ObjectNode next = ingested.deepCopy();
        properties(next).putObject("explicit").put("type", "boolean").put("description", "Explicit lyrics.");
        properties(properties(next).get("media")).putObject("channels").put("type", "integer");
        ((ArrayNode) ((ObjectNode) properties(next).get("status")).get("enum")).add("REGION_LOCKED");
        ((ObjectNode) properties(next).get("title")).put("description", "The title, as printed on the release.");
        ((ObjectNode) properties(next).get("artists")).remove("minItems");

        assertThat(SchemaCompatibility.check(ingested, next)).isEmpty();
    }

    @Test
    void rejectsSchemasThatAreNotJson() {
        assertThatThrownBy(() -> SchemaCompatibility.check("{}", "{"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("new schema is not JSON");
    }

    private static ObjectNode properties(JsonNode schema) {
        return (ObjectNode) schema.get("properties");
    }
}
