package io.musicplatform.stats.messaging;

import io.musicplatform.servicecore.kafka.CommittedOffsets;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The offsets stats-service commits itself, in the {@code consumer_offset} table, in the same transaction
 * as the counts: where the consumer resumes on assignment, and what {@code music_consumer_lag} is
 * measured from (it replaces service-core's default, which asks Kafka for the group's offsets).
 */
@ApplicationScoped
public class StoredOffsets implements CommittedOffsets {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;

    public StoredOffsets(Pool pool) {
        this.pool = pool;
    }

    /** The next offset to read per partition of {@code topic}; blocking, for the Kafka polling thread and the lag gauge. */
    @Override
    public Map<Integer, Long> committed(String topic, String group) {
        return pool.preparedQuery("SELECT partition, next_offset FROM consumer_offset WHERE topic = $1")
                .execute(Tuple.of(topic))
                .map(rows -> {
                    Map<Integer, Long> offsets = new HashMap<>();
                    rows.forEach(row -> offsets.put(row.getInteger("partition"), row.getLong("next_offset")));
                    return offsets;
                })
                .await().atMost(TIMEOUT);
    }
}
