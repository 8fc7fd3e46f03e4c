package io.musicplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

/** A value that breaks the schema is rejected with a message naming the topic and the field. */
class InvalidEventTest {

    @Test
    void trackPlayedWithoutUserIdNamesTheField() {
        ObjectNode event = played();
        event.remove("userId");

        assertThatThrownBy(() -> new TrackPlayedDeserializer().deserialize(Topics.TRACK_PLAYED, TestEvents.bytes(event)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("track-played record is not a valid TrackPlayed: $.userId: required property missing");
    }

    @Test
    void trackPlayedWithNestedFieldMissingNamesItsPath() {
        ObjectNode event = played();
        ((ObjectNode) event.get("track")).remove("artist");

        assertThatThrownBy(() -> EventCodec.TRACK_PLAYED.decode(TestEvents.bytes(event)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("$.track.artist: required property missing");
    }

    @Test
    void trackPlayedWithWrongTypeNamesTheField() {
        ObjectNode event = played();
        ((ObjectNode) event.get("track")).put("durationMs", "long");

        assertThatThrownBy(() -> new TrackPlayedDeserializer().deserialize(Topics.TRACK_PLAYED, TestEvents.bytes(event)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("track-played record is not a valid TrackPlayed: ")
                .hasMessageContaining("$.track.durationMs")
                .hasMessageContaining("integer");
    }

    @Test
    void trackPlayedWithBadCountryCodeNamesTheField() {
        ObjectNode event = played();
        ((ObjectNode) event.get("context")).put("country", "Germany");

        assertThatThrownBy(() -> EventCodec.TRACK_PLAYED.decode(TestEvents.bytes(event)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("$.context.country");
    }

    @Test
    void trackIngestedWithoutTrackIdNamesTheField() {
        ObjectNode event = ingested();
        event.remove("trackId");

        assertThatThrownBy(() -> new TrackIngestedDeserializer().deserialize(Topics.TRACK_INGESTED, TestEvents.bytes(event)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("track-ingested record is not a valid TrackIngested: $.trackId: required property missing");
    }

    @Test
    void trackIngestedWithWrongTypeNamesTheField() {
        ObjectNode event = ingested();
        event.put("revision", "third");

        assertThatThrownBy(() -> new TrackIngestedDeserializer().deserialize(Topics.TRACK_INGESTED, TestEvents.bytes(event)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("track-ingested record is not a valid TrackIngested: ")
                .hasMessageContaining("$.revision")
                .hasMessageContaining("integer");
    }

    @Test
    void trackIngestedListsEveryViolation() {
        ObjectNode event = ingested();
        event.remove("title");
        event.put("status", "DELETED");
        ObjectNode media = (ObjectNode) event.get("media");
        media.put("sha256", "not-a-hash");
        media.remove("bucket");
        event.putArray("artists");
        event.put("eventId", "not-a-uuid");

        InvalidEventException e = catchThrowableOfType(InvalidEventException.class,
                () -> EventCodec.TRACK_INGESTED.decode(TestEvents.bytes(event)));

        assertThat(e.topic()).isEqualTo(Topics.TRACK_INGESTED);
        assertThat(e.eventType()).isEqualTo(EventType.TRACK_INGESTED);
        assertThat(String.join("\n", e.violations()))
                .contains("$.title: required property missing")
                .contains("$.status")
                .contains("$.media.sha256")
                .contains("$.media.bucket: required property missing")
                .contains("$.artists")
                .contains("$.eventId");
    }

    @Test
    void trackIngestedWithIntegerTooBigForItsFieldNamesTheField() {
        ObjectNode event = ingested();
        event.put("trackNumber", 3_000_000_000L);

        assertThatThrownBy(() -> EventCodec.TRACK_INGESTED.decode(TestEvents.bytes(event)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("$.trackNumber");
    }

    @Test
    void trackIngestedWithEmptyAlbumArtistOrDiscZeroNamesTheFields() {
        ObjectNode event = ingested();
        event.put("albumArtist", "");
        event.put("discNumber", 0);

        InvalidEventException e = catchThrowableOfType(InvalidEventException.class,
                () -> EventCodec.TRACK_INGESTED.decode(TestEvents.bytes(event)));

        assertThat(e.violations()).hasSize(2);
        assertThat(String.join("\n", e.violations())).contains("$.albumArtist", "$.discNumber");
    }

    @Test
    void nonJsonIsRejectedWithTheTopic() {
        byte[] value = "{not json".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new TrackPlayedDeserializer().deserialize("track-played", value))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("track-played record is not a valid TrackPlayed: $: not JSON");
        assertThat(EventCodec.TRACK_PLAYED.violations(value)).singleElement().asString().startsWith("$: not JSON");
    }

    @Test
    void emptyValueAndNonObjectAreRejected() {
        assertThatThrownBy(() -> EventCodec.TRACK_PLAYED.decode(new byte[0]))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("$: the value is empty");
        assertThat(EventCodec.TRACK_PLAYED.violations("[1]".getBytes(StandardCharsets.UTF_8)))
                .singleElement().asString().startsWith("$: ");
    }

    @Test
    void messageNamesTheTopicTheRecordCameFrom() {
        ObjectNode event = played();
        event.remove("userId");

        assertThatThrownBy(() -> EventCodec.TRACK_PLAYED.decode(Topics.deadLetter(Topics.TRACK_PLAYED), TestEvents.bytes(event)))
                .hasMessageStartingWith("track-played.dlq record is not a valid TrackPlayed");
    }

    private static ObjectNode played() {
        return TestEvents.tree(TestEvents.example("track-played.full.json"));
    }

    private static ObjectNode ingested() {
        return TestEvents.tree(TestEvents.example("track-ingested.full.json"));
    }
}
