package io.musicplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The serializers write CloudEvents binary-mode headers; the deserializers read them back safely. */
class SerializerTest {

    @Test
    void setsEveryCloudEventsHeaderForTrackPlayed() {
        TrackPlayedSerializer serializer = new TrackPlayedSerializer();
        serializer.configure(Map.of(CloudEventHeaders.SOURCE_CONFIG, "/playback-service"), false);
        RecordHeaders headers = new RecordHeaders();

        serializer.serialize(Topics.TRACK_PLAYED, headers, TestEvents.trackPlayed());

        assertThat(text(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(text(headers, "ce_id")).isEqualTo("99999999-8888-4777-8666-555555555555");
        assertThat(text(headers, "ce_type")).isEqualTo("music.track.played.v1");
        assertThat(text(headers, "ce_source")).isEqualTo("/playback-service");
        assertThat(text(headers, "ce_time")).isEqualTo("2026-04-01T10:05:00Z");
        assertThat(text(headers, "content-type")).isEqualTo("application/json");
    }

    @Test
    void setsEveryCloudEventsHeaderForTrackIngested() {
        TrackIngestedSerializer serializer = new TrackIngestedSerializer();
        serializer.configure(Map.of(CloudEventHeaders.SOURCE_CONFIG, "/ingestion-service"), false);
        RecordHeaders headers = new RecordHeaders();

        serializer.serialize(Topics.TRACK_INGESTED, headers, TestEvents.trackIngested());

        assertThat(text(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(text(headers, "ce_id")).isEqualTo("11111111-2222-4333-8444-555555555555");
        assertThat(text(headers, "ce_type")).isEqualTo("music.track.ingested.v1");
        assertThat(text(headers, "ce_source")).isEqualTo("/ingestion-service");
        assertThat(text(headers, "ce_time")).isEqualTo("2026-04-01T10:00:00.500Z");
        assertThat(text(headers, "content-type")).isEqualTo("application/json");
    }

    @Test
    void sourceDefaultsWhenNotConfigured() {
        TrackPlayedSerializer serializer = new TrackPlayedSerializer();
        serializer.configure(Map.of(), false);
        RecordHeaders headers = new RecordHeaders();

        serializer.serialize(Topics.TRACK_PLAYED, headers, TestEvents.trackPlayed());

        assertThat(text(headers, "ce_source")).isEqualTo("/music-platform");
    }

    @Test
    void blankSourceIsAConfigurationError() {
        TrackPlayedSerializer serializer = new TrackPlayedSerializer();

        assertThatThrownBy(() -> serializer.configure(Map.of(CloudEventHeaders.SOURCE_CONFIG, " "), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cloudevents.source");
    }

    @Test
    void serializersRefuseToWriteKeys() {
        assertThatThrownBy(() -> new TrackPlayedSerializer().configure(Map.of(), true))
                .isInstanceOf(ConfigException.class)
                .hasMessage("TrackPlayedSerializer writes record values only; "
                        + "use org.apache.kafka.common.serialization.StringSerializer for the key (the trackId)");
        assertThatThrownBy(() -> new TrackIngestedSerializer().configure(
                        Map.of(CloudEventHeaders.SOURCE_CONFIG, "/ingestion-service"), true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TrackIngestedSerializer writes record values only")
                .hasMessageContaining("StringSerializer");
    }

    @Test
    void deserializersRefuseToReadKeys() {
        assertThatThrownBy(() -> new TrackPlayedDeserializer().configure(Map.of(), true))
                .isInstanceOf(ConfigException.class)
                .hasMessage("TrackPlayedDeserializer reads record values only; "
                        + "use org.apache.kafka.common.serialization.StringDeserializer for the key (the trackId)");
        assertThatThrownBy(() -> new TrackIngestedDeserializer().configure(Map.of(), true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TrackIngestedDeserializer reads record values only")
                .hasMessageContaining("StringDeserializer");
    }

    @Test
    void deserializersAcceptAValueConfiguration() {
        TrackPlayedDeserializer deserializer = new TrackPlayedDeserializer();
        deserializer.configure(Map.of("group.id", "stats"), false);
        byte[] wire = new TrackPlayedSerializer().serialize(Topics.TRACK_PLAYED, TestEvents.trackPlayed());

        assertThat(deserializer.deserialize(Topics.TRACK_PLAYED, wire)).isEqualTo(TestEvents.trackPlayed());
    }

    @Test
    void reSendingWithTheSameHeadersKeepsOneValuePerHeader() {
        TrackPlayedSerializer serializer = new TrackPlayedSerializer();
        RecordHeaders headers = new RecordHeaders();

        serializer.serialize(Topics.TRACK_PLAYED, headers, TestEvents.trackPlayed());
        serializer.serialize(Topics.TRACK_PLAYED, headers, TestEvents.trackPlayed());

        assertThat(headers.headers("ce_id")).hasSize(1);
        assertThat(headers.toArray()).hasSize(6);
    }

    @Test
    void nullEventIsATombstoneWithoutHeaders() {
        RecordHeaders headers = new RecordHeaders();

        assertThat(new TrackIngestedSerializer().serialize(Topics.TRACK_INGESTED, headers, null)).isNull();
        assertThat(headers.toArray()).isEmpty();
        assertThat(new TrackIngestedDeserializer().deserialize(Topics.TRACK_INGESTED, headers, (byte[]) null)).isNull();
    }

    @Test
    void deserializerRejectsARecordLabelledAsAnotherType() {
        RecordHeaders headers = new RecordHeaders();
        byte[] wire = new TrackIngestedSerializer().serialize(Topics.TRACK_PLAYED, headers, TestEvents.trackIngested());

        assertThatThrownBy(() -> new TrackPlayedDeserializer().deserialize(Topics.TRACK_PLAYED, headers, wire))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("track-played record is not a valid TrackPlayed")
                .hasMessageContaining("ce_type header is 'music.track.ingested.v1', expected 'music.track.played.v1'");
    }

    @Test
    void deserializerWithoutHeadersStillValidates() {
        byte[] wire = new TrackPlayedSerializer().serialize(Topics.TRACK_PLAYED, TestEvents.trackPlayed());

        assertThat(new TrackPlayedDeserializer().deserialize(Topics.TRACK_PLAYED, wire)).isEqualTo(TestEvents.trackPlayed());
        assertThat(new TrackPlayedDeserializer().deserialize(Topics.TRACK_PLAYED, new RecordHeaders(), wire))
                .isEqualTo(TestEvents.trackPlayed());
    }

    private static String text(Headers headers, String name) {
        assertThat(headers.headers(name)).as("headers named %s", name).hasSize(1);
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
