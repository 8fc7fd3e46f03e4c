package io.musicplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Topic names and settings, event types and dead-letter headers are the contract other services code against. */
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
    void everyDeclaredTopicWithTheSettingsDocsEventsMdDescribes() {
        assertThat(Topics.all()).containsExactly(
                new TopicSpec("track-ingested", 3, CleanupPolicy.COMPACT, null),
                new TopicSpec("track-ingested.dlq", 1, CleanupPolicy.DELETE, Duration.ofDays(30)),
                new TopicSpec("track-played", 6, CleanupPolicy.DELETE, Duration.ofDays(400)),
                new TopicSpec("track-played.dlq", 1, CleanupPolicy.DELETE, Duration.ofDays(30)),
                new TopicSpec("catalog-changes", 3, CleanupPolicy.DELETE, Duration.ofDays(7)),
                new TopicSpec("catalog-changes.dlq", 1, CleanupPolicy.DELETE, Duration.ofDays(30)));
        assertThat(Topics.all()).containsExactlyInAnyOrder(Topics.TRACK_INGESTED_SPEC, Topics.TRACK_PLAYED_SPEC,
                Topics.TRACK_INGESTED_DEAD_LETTER_SPEC, Topics.TRACK_PLAYED_DEAD_LETTER_SPEC,
                Topics.CATALOG_CHANGES_SPEC, Topics.CATALOG_CHANGES_DEAD_LETTER_SPEC);
        assertThat(Topics.TRACK_PLAYED_SPEC.configs()).containsEntry("retention.ms", "34560000000");
    }

    @Test
    void everyEventTypeTopicAndItsDeadLetterTopicIsDeclared() {
        for (EventType type : EventType.values()) {
            assertThat(Topics.isDeclared(type.topic())).as(type.topic()).isTrue();
            assertThat(Topics.isDeclared(Topics.deadLetter(type.topic()))).as(type.topic() + " dead letters").isTrue();
        }
    }

    @Test
    void specFindsADeclaredTopicByName() {
        assertThat(Topics.spec("track-played")).isSameAs(Topics.TRACK_PLAYED_SPEC);
        assertThat(Topics.spec("track-ingested.dlq")).isSameAs(Topics.TRACK_INGESTED_DEAD_LETTER_SPEC);
        assertThat(Topics.all()).extracting(TopicSpec::name).doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(Topics.spec(name).name()).isEqualTo(name));
    }

    @Test
    void specOfAnUndeclaredTopicNamesTheDeclaredOnes() {
        assertThatThrownBy(() -> Topics.spec("track-skipped"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Topic 'track-skipped' is not declared in io.musicplatform.events.Topics; declared topics: "
                        + "track-ingested, track-ingested.dlq, track-played, track-played.dlq, catalog-changes, catalog-changes.dlq");
        assertThatThrownBy(() -> Topics.spec(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Topics.isDeclared("track-skipped")).isFalse();
        assertThat(Topics.isDeclared("Track-Played")).isFalse();
        assertThat(Topics.isDeclared(null)).isFalse();
    }

    @Test
    void theListOfTopicsCannotBeChanged() {
        assertThatThrownBy(() -> Topics.all().add(Topics.TRACK_PLAYED_SPEC))
                .isInstanceOf(UnsupportedOperationException.class);
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
