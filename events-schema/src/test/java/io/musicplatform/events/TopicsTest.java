package io.musicplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Topic names, event types and dead-letter headers are the contract other services code against. */
class TopicsTest {

    @Test
    void topicNames() {
        assertThat(Topics.TRACK_INGESTED).isEqualTo("track-ingested");
        assertThat(Topics.TRACK_PLAYED).isEqualTo("track-played");
        assertThat(Topics.deadLetter(Topics.TRACK_PLAYED)).isEqualTo("track-played.dlq");
        assertThat(Topics.deadLetter(Topics.TRACK_INGESTED)).isEqualTo("track-ingested.dlq");
    }

    @Test
    void aDeadLetterTopicHasNoDeadLetterTopic() {
        assertThatThrownBy(() -> Topics.deadLetter("track-played.dlq")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.deadLetter(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventTypes() {
        assertThat(EventType.TRACK_INGESTED.cloudEventType()).isEqualTo("music.track.ingested.v1");
        assertThat(EventType.TRACK_PLAYED.cloudEventType()).isEqualTo("music.track.played.v1");
        assertThat(EventType.of(TestEvents.trackIngested())).isEqualTo(EventType.TRACK_INGESTED);
        assertThat(EventType.of(TestEvents.trackPlayed())).isEqualTo(EventType.TRACK_PLAYED);
        assertThat(EventType.fromCloudEventType("music.track.played.v1")).contains(EventType.TRACK_PLAYED);
        assertThat(EventType.fromCloudEventType("music.track.played.v2")).isEmpty();
        for (EventType type : EventType.values()) {
            assertThat(EventCodec.of(type).type()).isEqualTo(type);
        }
    }

    @Test
    void deadLetterHeadersDescribeTheFailureAndWhereTheRecordCameFrom() {
        RecordHeaders headers = new RecordHeaders();
        InvalidEventException error = catchThrowableOfType(InvalidEventException.class,
                () -> EventCodec.TRACK_PLAYED.decode("{}".getBytes(StandardCharsets.UTF_8)));

        DeadLetterHeaders.write(headers, Topics.TRACK_PLAYED, 3, 1234L, error);

        assertThat(DeadLetterHeaders.read(headers, "dead-letter-reason")).contains(error.getMessage());
        assertThat(DeadLetterHeaders.read(headers, "dead-letter-exception-class-name"))
                .contains(InvalidEventException.class.getName());
        assertThat(DeadLetterHeaders.read(headers, "dead-letter-topic")).contains("track-played");
        assertThat(DeadLetterHeaders.read(headers, "dead-letter-partition")).contains("3");
        assertThat(DeadLetterHeaders.read(headers, "dead-letter-offset")).contains("1234");
        assertThat(DeadLetterHeaders.read(headers, "dead-letter-cause")).isEmpty();
    }

    @Test
    void deadLetterHeadersCarryTheCauseWhenThereIsOne() {
        RecordHeaders headers = new RecordHeaders();

        DeadLetterHeaders.write(headers, Topics.TRACK_INGESTED, 0, 0L,
                new IllegalStateException("projection update failed", new IllegalArgumentException("bad genre")));

        assertThat(DeadLetterHeaders.read(headers, DeadLetterHeaders.CAUSE)).contains("bad genre");
        assertThat(DeadLetterHeaders.read(headers, DeadLetterHeaders.CAUSE_CLASS_NAME))
                .contains(IllegalArgumentException.class.getName());
    }
}
