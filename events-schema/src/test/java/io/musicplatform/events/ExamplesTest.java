package io.musicplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The example events under src/test/resources/examples are valid and survive a Kafka round trip unchanged. */
class ExamplesTest {

    static Stream<Path> examples() {
        return TestEvents.examples();
    }

    static Stream<Path> fullExamples() {
        return TestEvents.examples().filter(p -> p.getFileName().toString().endsWith(".full.json"));
    }

    @Test
    void everyEventTypeHasAFullAndAMinimalExample() {
        Set<String> names = TestEvents.examples().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        for (EventType type : EventType.values()) {
            assertThat(names).contains(type.topic() + ".full.json", type.topic() + ".minimal.json");
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void validatesAgainstItsSchema(Path example) {
        EventCodec<?> codec = EventCodec.of(TestEvents.typeOf(example));

        assertThat(codec.violations(TestEvents.bytes(example))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void survivesSerializerAndDeserializerUnchanged(Path example) {
        Event decoded = decode(example);

        Event again = switch (decoded) {
            case TrackIngested event -> roundTrip(new TrackIngestedSerializer(), new TrackIngestedDeserializer(), event);
            case TrackPlayed event -> roundTrip(new TrackPlayedSerializer(), new TrackPlayedDeserializer(), event);
            case CatalogChanged event -> roundTrip(new CatalogChangedSerializer(), new CatalogChangedDeserializer(), event);
        };

        assertThat(decoded).isInstanceOf(TestEvents.typeOf(example).javaType());
        assertThat(again).isEqualTo(decoded);
    }

    /** A full example sets every field, so re-encoding it must give the same JSON: names, values and all. */
    @ParameterizedTest
    @MethodSource("fullExamples")
    void fullExampleIsReencodedToTheSameJson(Path example) {
        byte[] wire = switch (decode(example)) {
            case TrackIngested event -> EventCodec.TRACK_INGESTED.encode(event);
            case TrackPlayed event -> EventCodec.TRACK_PLAYED.encode(event);
            case CatalogChanged event -> EventCodec.CATALOG_CHANGED.encode(event);
        };

        assertThat(TestEvents.tree(wire)).isEqualTo(TestEvents.tree(TestEvents.bytes(example)));
    }

    @Test
    void instantsAreWrittenAsIsoText() {
        String json = new String(EventCodec.TRACK_PLAYED.encode(TestEvents.trackPlayed()));

        assertThat(json).contains("\"occurredAt\":\"2026-04-01T10:05:00Z\"");
    }

    @Test
    void absentOptionalFieldsReadAsNullAndAbsentListsAsEmpty() {
        TrackIngested minimal = EventCodec.TRACK_INGESTED.decode(TestEvents.example("track-ingested.minimal.json"));

        assertThat(minimal.album()).isNull();
        assertThat(minimal.albumArtist()).isNull();
        assertThat(minimal.discNumber()).isNull();
        assertThat(minimal.year()).isNull();
        assertThat(minimal.media().bitrateKbps()).isNull();
        assertThat(minimal.territories()).isEmpty();
    }

    @Test
    void fullTrackIngestedExampleCarriesTheAlbumArtistAndDisc() {
        TrackIngested full = EventCodec.TRACK_INGESTED.decode(TestEvents.example("track-ingested.full.json"));

        assertThat(full.albumArtist()).isEqualTo("Various Artists");
        assertThat(full.discNumber()).isEqualTo(2);
    }

    private static Event decode(Path example) {
        return EventCodec.of(TestEvents.typeOf(example)).decode(TestEvents.bytes(example));
    }

    private static <T extends Event> T roundTrip(Serializer<T> serializer, Deserializer<T> deserializer, T event) {
        RecordHeaders headers = new RecordHeaders();
        byte[] wire = serializer.serialize("any-topic", headers, event);
        return deserializer.deserialize("any-topic", headers, wire);
    }
}
