package io.musicplatform.servicetesting;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The channel check finds each way a service's configuration can name a topic wrongly. */
class ChannelTopicsTest {

    @Test
    void acceptsChannelsOnDeclaredTopicsListedAsProducedOrConsumed() {
        assertThat(ChannelTopics.violations(Map.of(
                "music.kafka.produces", "track-played",
                "music.kafka.consumes", "track-ingested",
                "mp.messaging.incoming.track-ingested.connector", "smallrye-kafka",
                "mp.messaging.incoming.track-ingested.dead-letter-queue.topic", "track-ingested.dlq",
                "mp.messaging.outgoing.plays.connector", "smallrye-kafka",
                "mp.messaging.outgoing.plays.topic", "track-played"))).isEmpty();
    }

    @Test
    void acceptsAChannelOnATopicEveryReplicaReadsForItself() {
        assertThat(ChannelTopics.violations(Map.of(
                "music.kafka.produces", "catalog-changes",
                "music.kafka.broadcasts", "catalog-changes",
                "mp.messaging.incoming.live.connector", "smallrye-kafka",
                "mp.messaging.incoming.live.topic", "catalog-changes"))).isEmpty();
    }

    @Test
    void refusesATopicReadBothInTheGroupAndByEveryReplica() {
        assertThat(ChannelTopics.violations(Map.of(
                "music.kafka.consumes", "catalog-changes",
                "music.kafka.broadcasts", "catalog-changes, catalog-change")))
                .hasSize(2)
                .anySatisfy(problem -> assertThat(problem).contains("music.kafka.broadcasts").contains("catalog-change,"))
                .anySatisfy(problem -> assertThat(problem).contains("both"));
    }

    @Test
    void refusesATopicThatIsNotDeclared() {
        assertThat(ChannelTopics.violations(Map.of(
                "music.kafka.consumes", "track-ingested",
                "mp.messaging.incoming.ingested.connector", "smallrye-kafka",
                "mp.messaging.incoming.ingested.topic", "track-ingestd")))
                .singleElement().asString().contains("track-ingestd").contains("does not declare");
    }

    @Test
    void aChannelWithoutTopicReadsTheTopicNamedLikeIt() {
        assertThat(ChannelTopics.violations(Map.of(
                "music.kafka.consumes", "track-played",
                "mp.messaging.incoming.plays.connector", "smallrye-kafka")))
                .singleElement().asString().contains("incoming channel plays").contains("topic plays");
    }

    @Test
    void refusesAChannelWhoseTopicIsNotInTheServiceLists() {
        assertThat(ChannelTopics.violations(Map.of(
                "mp.messaging.incoming.ingested.connector", "smallrye-kafka",
                "mp.messaging.incoming.ingested.topic", "track-ingested",
                "mp.messaging.outgoing.plays.connector", "smallrye-kafka",
                "mp.messaging.outgoing.plays.topic", "track-played")))
                .containsExactlyInAnyOrder(
                        "incoming channel ingested reads track-ingested, which neither music.kafka.consumes nor music.kafka.broadcasts lists",
                        "outgoing channel plays writes track-played, which music.kafka.produces does not list");
    }

    @Test
    void findsAChannelThatNamesNoConnector() {
        assertThat(ChannelTopics.violations(Map.of(
                "music.kafka.consumes", "track-played",
                "mp.messaging.incoming.plays.topic", "track-playd",
                "mp.messaging.incoming.plays.value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer")))
                .singleElement().asString().contains("incoming channel plays").contains("track-playd");
    }

    @Test
    void refusesAnUndeclaredTopicInTheServiceLists() {
        assertThat(ChannelTopics.violations(Map.of("music.kafka.produces", "track-played, plays-v2")))
                .singleElement().asString().contains("music.kafka.produces").contains("plays-v2");
    }

    @Test
    void refusesADeadLetterTopicOtherThanTheDeclaredOne() {
        assertThat(ChannelTopics.violations(Map.of(
                "music.kafka.consumes", "track-ingested",
                "mp.messaging.incoming.ingested.connector", "smallrye-kafka",
                "mp.messaging.incoming.ingested.topic", "track-ingested",
                "mp.messaging.incoming.ingested.dead-letter-queue.topic", "dead-letter-topic-ingested")))
                .singleElement().asString().contains("instead of track-ingested.dlq");
    }
}
