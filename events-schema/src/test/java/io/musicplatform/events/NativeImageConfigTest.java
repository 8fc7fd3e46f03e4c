package io.musicplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Native images only reflect on registered classes. Jackson binds the event records by reflection,
 * so every type reachable from an event, and every (de)serializer Kafka instantiates by name, must be
 * in the module's reflect-config.json; a type added to an event without it fails here, not in a
 * native build that these machines cannot run. Likewise for the resources the codecs read: the
 * schemas, and the validator's message bundle (a native image holds only registered bundles).
 */
class NativeImageConfigTest {

    private static final String CONFIG = "META-INF/native-image/io.musicplatform/events-schema/reflect-config.json";
    private static final String RESOURCES = "META-INF/native-image/io.musicplatform/events-schema/resource-config.json";
    /** The bundle com.networknt.schema.i18n.ResourceBundleMessageSource reads its messages from. */
    private static final String VALIDATOR_MESSAGES = "jsv-messages";

    @Test
    void registersEveryTypeJacksonAndKafkaInstantiate() throws IOException {
        Set<String> expected = new LinkedHashSet<>();
        for (EventType type : EventType.values()) {
            collect(type.javaType(), expected);
        }
        expected.addAll(List.of(TrackIngestedSerializer.class.getName(), TrackIngestedDeserializer.class.getName(),
                TrackPlayedSerializer.class.getName(), TrackPlayedDeserializer.class.getName(),
                CatalogChangedSerializer.class.getName(), CatalogChangedDeserializer.class.getName()));

        assertThat(registered()).containsAll(expected);
    }

    @Test
    void includesEverySchemaAndTheValidatorsMessages() throws IOException {
        JsonNode config = read(RESOURCES);
        List<String> patterns = config.path("resources").path("includes").valueStream()
                .map(include -> include.path("pattern").asString()).toList();
        for (EventType type : EventType.values()) {
            assertThat(patterns).as(type.schemaResource()).anyMatch(pattern -> type.schemaResource().matches(pattern));
        }

        List<String> bundles = config.path("bundles").valueStream().map(bundle -> bundle.path("name").asString()).toList();
        assertThat(bundles).contains(VALIDATOR_MESSAGES);
        assertThat(ResourceBundle.getBundle(VALIDATOR_MESSAGES, Locale.ENGLISH).keySet()).as("the validator's messages").isNotEmpty();
    }

    private static void collect(Class<?> type, Set<String> into) {
        if (!type.getPackageName().equals(Event.class.getPackageName()) || !into.add(type.getName())) {
            return;
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                collect(component.getType(), into);
            }
        }
    }

    private static Set<String> registered() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode entry : read(CONFIG).values()) {
            names.add(entry.path("name").asString());
        }
        return names;
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = NativeImageConfigTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return TestEvents.JSON.readTree(in);
        }
    }
}
