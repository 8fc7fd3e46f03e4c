package io.musicplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

/**
 * A newer producer may add optional fields; consumers built against this version must accept and
 * ignore them, at the top level and inside nested objects.
 */
class ForwardCompatibilityTest {

    @Test
    void trackIngestedIgnoresUnknownFieldsAtEveryLevel() {
        byte[] original = TestEvents.example("track-ingested.full.json");
        ObjectNode extended = TestEvents.tree(original);
        extended.put("explicit", true);
        extended.putObject("credits").put("producer", "Someone");
        ((ObjectNode) extended.get("media")).put("loudnessLufs", -14.2);

        byte[] value = TestEvents.bytes(extended);

        assertThat(EventCodec.TRACK_INGESTED.violations(value)).isEmpty();
        assertThat(new TrackIngestedDeserializer().deserialize(Topics.TRACK_INGESTED, value))
                .isEqualTo(EventCodec.TRACK_INGESTED.decode(original));
    }

    @Test
    void trackPlayedIgnoresUnknownFieldsAtEveryLevel() {
        byte[] original = TestEvents.example("track-played.full.json");
        ObjectNode extended = TestEvents.tree(original);
        extended.put("sessionId", "s-1");
        ((ObjectNode) extended.get("context")).put("appVersion", "5.2.0");
        ((ObjectNode) extended.get("track")).putArray("moods").add("calm");

        byte[] value = TestEvents.bytes(extended);

        assertThat(EventCodec.TRACK_PLAYED.violations(value)).isEmpty();
        assertThat(new TrackPlayedDeserializer().deserialize(Topics.TRACK_PLAYED, value))
                .isEqualTo(EventCodec.TRACK_PLAYED.decode(original));
    }
}
