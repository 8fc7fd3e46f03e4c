package io.musicplatform.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes the outbox: every poll interval, pending rows in id order, keyed, and marks them
 * published once Kafka has acknowledged them, in the transaction that read them. A full batch is
 * followed by the next at once. Published rows are deleted after the retention.
 *
 * <p><b>One relay at a time.</b> Each batch runs in one transaction that first takes a PostgreSQL
 * advisory lock named after the table ({@code pg_try_advisory_xact_lock}); a replica that does not
 * get it skips the poll. So records of one key reach Kafka in the order of their rows across all
 * replicas. A row whose send fails stays pending, and so do the later rows of the same key in that
 * batch even when their own sends succeeded: they all go again, after it, at the next poll
 * (consumers drop the repeats by eventId).
 *
 * <p><b>Why kafka-clients' producer, not a SmallRye Reactive Messaging channel.</b> The relay needs an
 * acknowledgement per record, in the relay's own thread and time limit, with nothing else reacting to
 * a failure. An emitter channel does give per-message acks, but its Kafka sink reports to the health
 * checks: readiness goes DOWN while the broker is unreachable, and liveness goes DOWN for good after
 * the first failed send. That is the one moment the outbox exists for, when the pod must go on serving
 * and must not restart; turning the channel's health reporting off would also hide a sink that really
 * is broken. A plain {@link KafkaProducer} (acks=all, idempotent) has no health side effects, its
 * settings are the outbox's alone, and it is replaced after a failed batch so that every retry starts
 * from a clean producer.
 *
 * <p><b>No health check.</b> A broker outage, or a backlog, is what the outbox absorbs: neither may
 * make the pod unready (it would stop serving) or restart it (it would change nothing). The backlog
 * shows in {@code music_outbox_pending} and {@code music_outbox_oldest_pending_age_seconds}, which
 * alerts watch.
 *
 * <p><b>Threads.</b> The poll runs on a worker thread (a blocking {@code @Scheduled} method), never on
 * the event loop: {@link KafkaProducer#send} may block for the broker's metadata, and the database
 * calls are awaited there.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** A bound on any one database call, so that a hung connection cannot stop the relay for good. */
    private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(30);
    /** How much longer than the producer's delivery timeout the relay waits for its answers. */
    private static final Duration ACK_GRACE = Duration.ofSeconds(2);
    /** Published rows deleted per statement; the clean-up repeats while a chunk is full. */
    private static final int DELETE_CHUNK = 10_000;
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final OutboxConfig config;
    private final OutboxMetrics metrics;
    private final Pool pool;
    private final Map<String, Object> kafkaSettings;
    /** The table, qualified with Hibernate's default schema so that raw SQL finds the entity's table. */
    private final String table;

    /** Only used under this object's lock: one poll at a time. */
    private KafkaProducer<String, byte[]> producer;
    private boolean stopped;
    /** The trouble last logged, so that an outage is logged when it starts and ends, not at every poll. */
    private Trouble trouble;

    OutboxRelay(OutboxConfig config, OutboxMetrics metrics, Pool pool,
                @Identifier("default-kafka-broker") Map<String, Object> kafkaSettings,
                @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") Optional<String> schema) {
        this.config = config;
        this.metrics = metrics;
        this.pool = pool;
        this.kafkaSettings = kafkaSettings;
        this.table = schema.filter(s -> !s.isBlank()).map(OutboxRelay::qualifier).orElse("") + "outbox";
    }

    private static String qualifier(String schema) {
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("quarkus.hibernate-orm.database.default-schema=" + schema
                    + " is not a plain schema name (letters, digits, underscores): the outbox cannot name its table with it");
        }
        return schema + ".";
    }

    /** Checks the settings at start-up, so that a mistake stops the service at once with its reason. */
    void checkSettings(@Observes StartupEvent start) {
        if (config.batchSize() < 1) {
            throw new IllegalArgumentException("music.outbox.batch-size must be at least 1, was " + config.batchSize());
        }
        if (config.sendTimeout().toMillis() < 100 || !config.pollInterval().isPositive() || config.retention().isNegative()) {
            throw new IllegalArgumentException("music.outbox.send-timeout must be at least 100ms, poll-interval more than 0 "
                    + "and retention not negative; they are " + config.sendTimeout() + ", " + config.pollInterval() + " and "
                    + config.retention());
        }
        if (config.enabled() && !kafkaSettings.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalStateException("The outbox relay publishes to Kafka, but kafka.bootstrap.servers is not set: "
                    + "set it, or turn the relay off on this instance with music.outbox.enabled=false");
        }
        requireTable();
        LOG.infof("Outbox relay %s: table %s, to %s, every %s", config.enabled() ? "on" : "off", table,
                kafkaSettings.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG), config.pollInterval());
    }

    /** A missing table would fail every append: say so at start, with what to set. */
    private void requireTable() {
        boolean present;
        try {
            present = await(pool.preparedQuery("SELECT to_regclass($1) IS NOT NULL AS present").execute(Tuple.of(table)))
                    .iterator().next().getBoolean("present");
        } catch (RuntimeException e) {
            LOG.warnf("Could not check that the outbox table %s exists (%s); the relay tries the database at every poll",
                    table, e.getMessage());
            return;
        }
        if (!present) {
            throw new IllegalStateException("The outbox table " + table + " does not exist. Add db/outbox to "
                    + "quarkus.flyway.locations, and set quarkus.hibernate-orm.database.default-schema to the schema "
                    + "Flyway migrates (quarkus.flyway.schemas)");
        }
    }

    @Scheduled(identity = "music-outbox-relay", every = "${music.outbox.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void poll() {
        if (!config.enabled() || stopped) {
            return;
        }
        try {
            refreshBacklog();
            BatchOutcome outcome;
            do {
                outcome = publishBatch();
            } while (outcome == BatchOutcome.FULL && !stopped);
            refreshBacklog();
            deleteExpired();
            if (outcome != BatchOutcome.FAILED) {
                recovered();
            }
        } catch (RuntimeException e) {
            report(e instanceof KafkaException ? Trouble.KAFKA : Trouble.DATABASE, "The outbox relay could not finish a poll ("
                    + e.getMessage() + "); it tries again every " + config.pollInterval(), e);
        }
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        discardProducer(Duration.ofSeconds(5));
    }

    private enum BatchOutcome { FULL, DONE, FAILED }

    private enum Trouble { DATABASE, KAFKA }

    /** One batch in one transaction, under the relay lock: read, send, wait for the acks, mark. */
    private BatchOutcome publishBatch() {
        return underRelayLock(connection -> {
            List<PendingRecord> batch = await(connection
                    .preparedQuery("SELECT id, topic, record_key, payload, headers::text AS headers FROM " + table
                            + " WHERE published_at IS NULL ORDER BY id LIMIT $1")
                    .execute(Tuple.of(config.batchSize())))
                    .stream().map(PendingRecord::of).toList();
            if (batch.isEmpty()) {
                return new Delivery(0, List.of(), Map.of(), 0);
            }
            Delivery delivery = send(batch);
            if (!delivery.publishedIds().isEmpty()) {
                await(connection.preparedQuery("UPDATE " + table + " SET published_at = clock_timestamp() WHERE id = ANY($1)")
                        .execute(Tuple.tuple().addArrayOfLong(delivery.publishedIds().toArray(Long[]::new))));
            }
            return delivery;
        }).map(delivery -> {
            // Counted once the marks are committed: a row counts when it will not be sent again.
            delivery.publishedPerTopic().forEach(metrics::published);
            if (delivery.failures() > 0) {
                return BatchOutcome.FAILED;
            }
            return delivery.batchSize() == config.batchSize() ? BatchOutcome.FULL : BatchOutcome.DONE;
        }).orElse(BatchOutcome.DONE);
    }

    /**
     * Sends the batch in order and waits for every acknowledgement. A send that timed out at once,
     * waiting for the broker (it is down, or the topic does not exist), ends the batch there: every
     * later send would wait as long, and the rows after it go with a later batch.
     */
    private Delivery send(List<PendingRecord> batch) {
        KafkaProducer<String, byte[]> kafka = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (PendingRecord record : batch) {
            Future<RecordMetadata> ack;
            try {
                ack = kafka.send(new ProducerRecord<>(record.topic(), null, record.key(), record.payload(),
                        HeadersColumn.fromJson(record.headers())));
            } catch (RuntimeException e) {
                ack = CompletableFuture.failedFuture(e);
            }
            acks.add(ack);
            if (ack.isDone() && failureOf(ack, System.nanoTime()) instanceof org.apache.kafka.common.errors.TimeoutException) {
                break;
            }
        }
        long deadline = System.nanoTime() + config.sendTimeout().plus(ACK_GRACE).toNanos();
        List<Long> published = new ArrayList<>();
        Map<String, Integer> publishedPerTopic = new LinkedHashMap<>();
        Set<String> blockedKeys = new HashSet<>();
        Throwable firstFailure = null;
        int failures = 0;
        // Rows after the last one sent stay pending as they were.
        for (int i = 0; i < acks.size(); i++) {
            PendingRecord record = batch.get(i);
            Throwable failure = failureOf(acks.get(i), deadline);
            String topicAndKey = record.topic() + '\u0000' + record.key();
            if (failure != null) {
                failures++;
                metrics.publishFailed(record.topic());
                blockedKeys.add(topicAndKey);
                firstFailure = firstFailure == null ? failure : firstFailure;
            } else if (!blockedKeys.contains(topicAndKey)) {
                published.add(record.id());
                publishedPerTopic.merge(record.topic(), 1, Integer::sum);
            }
        }
        if (failures > 0) {
            // A fresh producer for the next attempt: no state is carried over from a failed one.
            discardProducer(Duration.ZERO);
            report(Trouble.KAFKA, "The outbox relay could not publish " + failures + " of " + batch.size() + " records ("
                    + firstFailure + "); they stay pending and go again every " + config.pollInterval(), null);
        }
        return new Delivery(batch.size(), published, publishedPerTopic, failures);
    }

    private static Throwable failureOf(Future<RecordMetadata> ack, long deadline) {
        try {
            ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause() != null ? e.getCause() : e;
        } catch (TimeoutException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    /** Updates the pending gauges; every replica counts, whether or not it holds the relay lock. */
    private void refreshBacklog() {
        Row row = await(pool.query("SELECT count(*) AS pending, min(created_at) AS oldest FROM " + table
                + " WHERE published_at IS NULL").execute()).iterator().next();
        OffsetDateTime oldest = row.getOffsetDateTime("oldest");
        metrics.backlog(row.getLong("pending"), oldest == null ? null : oldest.toInstant());
    }

    /** Deletes published rows older than the retention, in chunks, under the relay lock. */
    private void deleteExpired() {
        boolean more = true;
        while (more && !stopped) {
            more = underRelayLock(connection -> await(connection.preparedQuery("DELETE FROM " + table
                    + " WHERE id IN (SELECT id FROM " + table + " WHERE published_at < now() - make_interval(secs => $1)"
                    + " LIMIT $2)").execute(Tuple.of(config.retention().toMillis() / 1000.0, DELETE_CHUNK)))
                    .rowCount() == DELETE_CHUNK).orElse(false);
        }
    }

    /**
     * Runs {@code work} in a transaction that holds the relay lock; empty when another replica holds
     * it. The lock goes with the transaction, whether it commits or rolls back.
     */
    private <T> Optional<T> underRelayLock(Function<SqlConnection, T> work) {
        SqlConnection connection = await(pool.getConnection());
        try {
            Transaction transaction = await(connection.begin());
            try {
                boolean locked = await(connection.preparedQuery("SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked")
                        .execute(Tuple.of(table))).iterator().next().getBoolean("locked");
                T result = locked ? work.apply(connection) : null;
                await(transaction.commit());
                return Optional.ofNullable(result);
            } catch (RuntimeException e) {
                quietly(transaction.rollback());
                throw e;
            }
        } finally {
            quietly(connection.close());
        }
    }

    /** For clean-up after a failure, which must not hide that failure. */
    private static void quietly(Uni<Void> cleanUp) {
        try {
            await(cleanUp);
        } catch (RuntimeException e) {
            LOG.debug("Clean-up after a failed outbox transaction failed too", e);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerSettings(), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** The service's kafka.* settings, with what the outbox's guarantees need on top. */
    private Map<String, Object> producerSettings() {
        Map<String, Object> settings = new LinkedHashMap<>(kafkaSettings);
        // The shared settings carry a consumer group for the service's consumers; a producer has none.
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        int timeout = (int) config.sendTimeout().toMillis();
        int linger = 5;
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "music-outbox-relay");
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Idempotence keeps the order of up to 5 requests in flight per partition.
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, linger);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, timeout - linger));
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        return settings;
    }

    private void discardProducer(Duration grace) {
        if (producer != null) {
            try {
                producer.close(grace);
            } catch (RuntimeException e) {
                LOG.debug("Closing the outbox producer failed", e);
            }
            producer = null;
        }
    }

    private void report(Trouble kind, String message, Throwable cause) {
        if (kind != trouble) {
            LOG.warn(message, cause);
            trouble = kind;
        } else {
            LOG.debug(message, cause);
        }
    }

    private void recovered() {
        if (trouble != null) {
            LOG.info("The outbox relay publishes again");
            trouble = null;
        }
    }

    private static <T> T await(Uni<T> operation) {
        return operation.await().atMost(DATABASE_TIMEOUT);
    }

    /** A row read for publishing. */
    private record PendingRecord(long id, String topic, String key, byte[] payload, String headers) {
        static PendingRecord of(Row row) {
            return new PendingRecord(row.getLong("id"), row.getString("topic"), row.getString("record_key"),
                    row.getBuffer("payload").getBytes(), row.getString("headers"));
        }
    }

    /** What one batch achieved: the rows to mark, their count per topic, and how many sends failed. */
    private record Delivery(int batchSize, List<Long> publishedIds, Map<String, Integer> publishedPerTopic, int failures) {
    }
}
