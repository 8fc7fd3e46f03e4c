package io.musicplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Native images only reflect on registered classes. Jackson binds the event records by reflection,
 * so every type reachable from an event, and every (de)serializer Kafka instantiates by name, must be
 * in the module's reflect-config.json; a type added to an event without it fails here, not in a
 * native build that these machines cannot run.
 */
class NativeImageConfigTest {

    private static final String CONFIG = "META-INF/native-image/io.musicplatform/events-schema/reflect-config.json";

    @Test
    void registersEveryTypeJacksonAndKafkaInstantiate() throws IOException {
        Set<String> expected = new LinkedHashSet<>();
        for (EventType type : EventType.values()) {
            collect(type.javaType(), expected);
        }
        expected.addAll(List.of(TrackIngestedSerializer.class.getName(), TrackIngestedDeserializer.class.getName(),
                TrackPlayedSerializer.class.getName(), TrackPlayedDeserializer.class.getName()));

        assertThat(registered()).containsAll(expected);
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
        try (InputStream in = NativeImageConfigTest.class.getClassLoader().getResourceAsStream(CONFIG)) {
            assertThat(in).as(CONFIG).isNotNull();
            Set<String> names = new LinkedHashSet<>();
            for (JsonNode entry : TestEvents.JSON.readTree(in).values()) {
                names.add(entry.path("name").asString());
            }
            return names;
        }
    }
}
