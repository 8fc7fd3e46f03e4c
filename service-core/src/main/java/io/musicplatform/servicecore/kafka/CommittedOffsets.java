package io.musicplatform.servicecore.kafka;

import java.util.Map;

/**
 * Where a consumer keeps the offsets it has committed. By default Kafka itself (the consumer group's
 * offsets); a service that stores its offsets in its own database, in the same transaction as its
 * effects, provides a bean of its own so that {@code music_consumer_lag} tells the truth.
 */
public interface CommittedOffsets {

    /** The next offset the group will read, per partition of {@code topic}; a partition never committed is absent. */
    Map<Integer, Long> committed(String topic, String group) throws Exception;
}
