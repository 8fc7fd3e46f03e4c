package io.musicplatform.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper and schema loader behind every codec, so the wire format is defined once. */
final class EventJson {

    /**
     * Instants as ISO-8601 text, fields in record order (readable in kcat), absent rather than null
     * optional fields, and unknown fields ignored so that an additive schema change breaks no consumer.
     */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    /**
     * Formats (uuid, date-time) are only annotations in draft 2020-12 unless asserted; we assert them.
     * English messages whatever the JVM's locale, and JSON paths ($.context.country), since messages
     * end up in logs and dead-letter headers.
     */
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .formatAssertionsEnabled(true)
                    .locale(Locale.ENGLISH)
                    .pathType(PathType.JSON_PATH)
                    .build()));

    private EventJson() {
    }

    static JsonNode schemaTree(EventType type) {
        try (InputStream in = openSchema(type)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + type.schemaResource(), e);
        }
    }

    static Schema compileSchema(EventType type) {
        Schema schema = SCHEMAS.getSchema(schemaTree(type));
        // Compile every keyword now rather than on the first record, on a consumer thread.
        schema.initializeValidators();
        return schema;
    }

    private static InputStream openSchema(EventType type) {
        InputStream in = EventJson.class.getClassLoader().getResourceAsStream(type.schemaResource());
        if (in == null) {
            throw new IllegalStateException(type.schemaResource() + " is missing from the class path");
        }
        return in;
    }
}
