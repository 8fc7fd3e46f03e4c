package io.musicplatform.outbox;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
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
 * replicas.
 *
 * <p><b>A row that fails holds back its key, and only its key.</b> A failed send is recorded on its row
 * ({@code attempts}, {@code last_error}); the row stays pending and is tried again once per poll.
 * Within the batch, the later rows of its key are not sent once the failure is known. In later
 * batches they are not even read: a pending row behind a failed row of its key waits until that row
 * is published (or removed by an operator), so a record Kafka refuses for good holds back its key
 * without its later rows going out again and again, and without filling the batches that the other
 * keys need. The failed row goes alone, as a probe; once Kafka takes it, the next batch follows at
 * once with the rows it held back. The one repeat left: when Kafka refuses a record only after a later
 * record of its key had been sent in the same batch, that later record stays pending and goes again
 * after it (consumers drop repeats by eventId). A row that has failed {@code stuck-after} times is
 * logged with its eventId and counted in {@code music_outbox_stuck}; it is never dropped.
 *
 * <p><b>A held row waits, and so does its key.</b> A row appended with {@code publish_after} in the
 * future ({@link DirectPublisher}: its direct send may still be acknowledged) is not read until then,
 * nor are the later rows of its key; settling it (published, or released) ends the wait at once.
 * Every count of the backlog that finds nothing pending is told to {@link #whenDrained} listeners.
 *
 * <p><b>Why kafka-clients' producer, not a SmallRye Reactive Messaging channel.</b> The relay needs an
 * acknowledgement per record, in the relay's own thread and time limit, with nothing else reacting to
 * a failure. An emitter channel does give per-message acks, but its Kafka sink reports to the health
 * checks: readiness goes DOWN while the broker is unreachable, and liveness goes DOWN for good after
 * the first failed send. That is the one moment the outbox exists for, when the pod must go on serving
 * and must not restart; turning the channel's health reporting off would also hide a sink that really
 * is broken. A plain {@link KafkaProducer} (acks=all, idempotent) has no health side effects, its
 * settings are the outbox's alone, and it is replaced after a batch with a failure that may have
 * left it in a bad state, so that the retry starts from a clean producer.
 *
 * <p><b>No health check.</b> A broker outage, or a backlog, is what the outbox absorbs: neither may
 * make the pod unready (it would stop serving) or restart it (it would change nothing). The backlog
 * shows in {@code music_outbox_pending} and {@code music_outbox_oldest_pending_age_seconds}, which
 * alerts watch.
 *
 * <p><b>Threads.</b> The poll runs on the relay's own thread ({@code music-outbox-relay}), never on
 * the event loop: {@link KafkaProducer#send} may block for the broker's metadata, and the database
 * calls are awaited there. {@link #stop()} raises its flag before it waits for the poll: a draining
 * poll sends no further record and starts no further batch, so shutdown waits for the batch in hand
 * at most (its acknowledgements, bounded by the send timeout), never for the whole backlog.
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
    /** How much of a failure's text {@code last_error} keeps. */
    private static final int LAST_ERROR_LENGTH = 2_000;
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final OutboxConfig config;
    private final OutboxMetrics metrics;
    private final Pool pool;
    private final Map<String, Object> kafkaSettings;
    /** The table, qualified with Hibernate's default schema so that raw SQL finds the entity's table. */
    private final String table;
    /**
     * Set by {@link #stop()} before it takes this object's lock, and read by the poll between two
     * records and two batches: a poll that holds the lock while it drains a backlog ends soon after.
     */
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "music-outbox-relay");
        thread.setDaemon(true);
        return thread;
    });

    /** Told when a count finds the outbox empty; see {@link #whenDrained}. */
    private final List<LongConsumer> drainedListeners = new CopyOnWriteArrayList<>();
    /** Only used under this object's lock: one poll at a time. */
    private KafkaProducer<String, byte[]> producer;
    /** The trouble last logged, so that an outage is logged when it starts and ends, not at every poll. */
    private Trouble trouble;
    /** When the next poll deletes expired rows ({@link System#nanoTime()}); the first poll does. */
    private long nextCleanUp = System.nanoTime();

    OutboxRelay(OutboxConfig config, OutboxMetrics metrics, Pool pool,
                @Identifier("default-kafka-broker") Map<String, Object> kafkaSettings,
                @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") Optional<String> schema) {
        this.config = config;
        this.metrics = metrics;
        this.pool = pool;
        this.kafkaSettings = kafkaSettings;
        this.table = table(schema);
    }

    /** The outbox table, qualified with Hibernate's default schema so that raw SQL finds the entity's table. */
    static String table(Optional<String> schema) {
        return schema.filter(s -> !s.isBlank()).map(OutboxRelay::qualifier).orElse("") + "outbox";
    }

    private static String qualifier(String schema) {
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("quarkus.hibernate-orm.database.default-schema=" + schema
                    + " is not a plain schema name (letters, digits, underscores): the outbox cannot name its table with it");
        }
        return schema + ".";
    }

    /** Checks the settings at start-up, so that a mistake stops the service at once with its reason. */
    /**
     * Polls on a thread of the relay's own, every {@code poll-interval} after the last poll ended: not
     * on Quarkus's scheduler, whose resolution is one second, since a service whose events are waited
     * for live (catalog-service's streams) polls every 100 ms.
     */
    private void startPolling() {
        long interval = config.pollInterval().toNanos();
        poller.scheduleWithFixedDelay(() -> {
            try {
                poll();
            } catch (RuntimeException | Error e) {
                // poll() reports its own failures; this keeps the thread polling whatever escaped it.
                LOG.error("The outbox relay's poll failed", e);
            }
        }, interval, interval, TimeUnit.NANOSECONDS);
    }

    void checkSettings(@Observes StartupEvent start) {
        if (config.batchSize() < 1 || config.stuckAfter() < 1) {
            throw new IllegalArgumentException("music.outbox.batch-size and music.outbox.stuck-after must be at least 1; "
                    + "they are " + config.batchSize() + " and " + config.stuckAfter());
        }
        if (config.sendTimeout().toMillis() < 100 || !config.pollInterval().isPositive() || config.retention().isNegative()
                || !config.cleanUpInterval().isPositive()) {
            throw new IllegalArgumentException("music.outbox.send-timeout must be at least 100ms, poll-interval and clean-up-interval "
                    + "more than 0 and retention not negative; they are " + config.sendTimeout() + ", " + config.pollInterval() + ", "
                    + config.cleanUpInterval() + " and " + config.retention());
        }
        if (config.directTimeout().toMillis() < 1 || config.directTimeout().compareTo(config.sendTimeout()) >= 0) {
            throw new IllegalArgumentException("music.outbox.direct-timeout must be at least 1ms and shorter than music.outbox.send-timeout; "
                    + "they are " + config.directTimeout() + " and " + config.sendTimeout());
        }
        if (config.enabled() && !kafkaSettings.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalStateException("The outbox relay publishes to Kafka, but kafka.bootstrap.servers is not set: "
                    + "set it, or turn the relay off on this instance with music.outbox.enabled=false");
        }
        requireTable();
        LOG.infof("Outbox relay %s: table %s, to %s, every %s", config.enabled() ? "on" : "off", table,
                kafkaSettings.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG), config.pollInterval());
        startPolling();
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

    /**
     * Counts the backlog for the gauges (on every replica, relay on or off), then, with the relay on,
     * publishes batch after batch while they come back full.
     */
    synchronized void poll() {
        if (stopped.get()) {
            return;
        }
        try {
            refreshBacklog();
            if (!config.enabled()) {
                return;
            }
            PollState state = new PollState();
            BatchOutcome outcome;
            do {
                outcome = publishBatch(state);
            } while (outcome == BatchOutcome.MORE && !stopped.get());
            if (stopped.get()) {
                return;
            }
            refreshBacklog();
            if (System.nanoTime() - nextCleanUp >= 0) {
                deleteExpired();
                nextCleanUp = System.nanoTime() + config.cleanUpInterval().toNanos();
            }
            if (outcome != BatchOutcome.FAILED) {
                recovered();
            }
        } catch (RuntimeException e) {
            report(e instanceof KafkaException ? Trouble.KAFKA : Trouble.DATABASE, "The outbox relay could not finish a poll ("
                    + e.getMessage() + "); it tries again every " + config.pollInterval(), e);
        }
    }

    @PreDestroy
    void stop() {
        // First the flag, which a draining poll sees at its next record; then the lock, which it
        // releases once the batch in hand is marked.
        stopped.set(true);
        poller.shutdown();
        synchronized (this) {
            discardProducer(Duration.ofSeconds(5));
        }
    }

    /** MORE: publish the next batch now; DONE: wait for the next poll; FAILED: nothing went out, Kafka is in trouble. */
    private enum BatchOutcome { MORE, DONE, FAILED }

    private enum Trouble { DATABASE, KAFKA }

    /**
     * One batch in one transaction, under the relay lock: read, send, wait for the acks, mark the
     * published rows and record the failed ones. Rows behind a failed row of their key are not read
     * (they wait for it), nor are rows this poll has already seen fail or found no broker for.
     */
    private BatchOutcome publishBatch(PollState state) {
        return underRelayLock(connection -> {
            List<PendingRecord> batch = await(connection
                    .preparedQuery("SELECT o.id, o.topic, o.record_key, o.payload, o.headers::text AS headers, o.event_id,"
                            + " o.attempts FROM " + table + " o"
                            + " WHERE o.published_at IS NULL AND o.id <> ALL($2) AND o.topic <> ALL($3)"
                            + " AND (o.publish_after IS NULL OR o.publish_after <= now())"
                            + " AND NOT EXISTS (SELECT 1 FROM " + table + " f WHERE f.published_at IS NULL AND f.attempts > 0"
                            + " AND f.topic = o.topic AND f.record_key = o.record_key AND f.id < o.id)"
                            + " AND NOT EXISTS (SELECT 1 FROM " + table + " h WHERE h.published_at IS NULL AND h.publish_after > now()"
                            + " AND h.topic = o.topic AND h.record_key = o.record_key AND h.id < o.id)"
                            + " ORDER BY o.id LIMIT $1")
                    .execute(Tuple.of(config.batchSize(), state.failedRows.toArray(Long[]::new),
                            state.unavailableTopics.toArray(String[]::new))))
                    .stream().map(PendingRecord::of).toList();
            if (batch.isEmpty()) {
                return Delivery.NOTHING;
            }
            Delivery delivery = send(batch);
            if (!delivery.publishedIds().isEmpty()) {
                await(connection.preparedQuery("UPDATE " + table + " SET published_at = clock_timestamp() WHERE id = ANY($1)")
                        .execute(Tuple.tuple().addArrayOfLong(delivery.publishedIds().toArray(Long[]::new))));
            }
            if (!delivery.failures().isEmpty()) {
                delivery = delivery.withStuck(recordFailures(connection, delivery.failures()));
            }
            return delivery;
        }).map(delivery -> {
            // Counted and logged once the transaction has committed: a row counts when it will not be sent again.
            delivery.publishedPerTopic().forEach(metrics::published);
            delivery.stuck().forEach(this::warnStuck);
            delivery.failures().forEach(failure -> state.failedRows.add(failure.record().id()));
            state.unavailableTopics.addAll(delivery.unavailableTopics());
            Optional<FailedSend> troubleWithKafka = delivery.failures().stream().filter(FailedSend::aboutKafka).findFirst();
            if (troubleWithKafka.isPresent() && delivery.publishedIds().isEmpty()) {
                report(Trouble.KAFKA, "The outbox relay could not publish any of " + delivery.batchSize() + " records ("
                        + troubleWithKafka.get().error() + "); they stay pending and go again every " + config.pollInterval(), null);
                return BatchOutcome.FAILED;
            }
            boolean progress = !delivery.publishedIds().isEmpty();
            // A failed row that went through has released the rows of its key that waited for it.
            boolean more = delivery.batchSize() == config.batchSize() || delivery.releasedKeys();
            return progress && more ? BatchOutcome.MORE : BatchOutcome.DONE;
        }).orElse(BatchOutcome.DONE);
    }

    /**
     * Sends the batch in order and waits for every acknowledgement. The later rows of a key are not
     * sent once a send of that key is known to have failed. A send that timed out at once waiting for
     * the broker's metadata (it is down, or the topic does not exist) leaves the rest of that topic
     * unsent, for this poll: metadata is per topic, so every other key of it would wait as long, while
     * the other topics' rows still go. A producer whose buffer stays full stops the batch there.
     */
    private Delivery send(List<PendingRecord> batch) {
        KafkaProducer<String, byte[]> kafka = producer();
        List<Sent> sent = new ArrayList<>(batch.size());
        Map<String, Future<RecordMetadata>> lastAckOfKey = new HashMap<>();
        Set<String> unavailableTopics = new LinkedHashSet<>();
        for (PendingRecord record : batch) {
            if (stopped.get()) {
                break;
            }
            Future<RecordMetadata> previous = lastAckOfKey.get(record.topicAndKey());
            if (unavailableTopics.contains(record.topic()) || (previous != null && failedAlready(previous))) {
                continue;
            }
            Future<RecordMetadata> ack;
            try {
                ack = kafka.send(new ProducerRecord<>(record.topic(), null, record.key(), record.payload(),
                        HeadersColumn.fromJson(record.headers())));
            } catch (RuntimeException e) {
                ack = CompletableFuture.failedFuture(e);
            }
            sent.add(new Sent(record, ack));
            lastAckOfKey.put(record.topicAndKey(), ack);
            if (failedAlready(ack)) {
                Throwable failure = failureOf(ack, System.nanoTime());
                if (failure instanceof BufferExhaustedException) {
                    break;
                }
                if (failure instanceof org.apache.kafka.common.errors.TimeoutException) {
                    unavailableTopics.add(record.topic());
                }
            }
        }
        long deadline = System.nanoTime() + config.sendTimeout().plus(ACK_GRACE).toNanos();
        List<Long> published = new ArrayList<>();
        Map<String, Integer> publishedPerTopic = new LinkedHashMap<>();
        Set<String> failedKeys = new HashSet<>();
        List<FailedSend> failures = new ArrayList<>();
        boolean releasedKeys = false;
        for (Sent one : sent) {
            PendingRecord record = one.record();
            Throwable failure = failureOf(one.ack(), deadline);
            if (failure != null) {
                failures.add(new FailedSend(record, describe(failure), failure));
                failedKeys.add(record.topicAndKey());
                metrics.publishFailed(record.topic());
            } else if (!failedKeys.contains(record.topicAndKey())) {
                published.add(record.id());
                publishedPerTopic.merge(record.topic(), 1, Integer::sum);
                releasedKeys |= record.attempts() > 0;
            }
            // Otherwise Kafka took it after an earlier row of its key failed: it stays pending, and
            // goes again once that row is out.
        }
        if (failures.stream().anyMatch(FailedSend::aboutKafka)) {
            // A fresh producer for the next attempt: no state is carried over from a failed one.
            discardProducer(Duration.ZERO);
        }
        for (FailedSend failure : failures) {
            LOG.debugf("Outbox event %s (topic %s, key %s) was not published: %s", failure.record().eventId(),
                    failure.record().topic(), failure.record().key(), failure.error());
        }
        return new Delivery(batch.size(), published, publishedPerTopic, failures, unavailableTopics, releasedKeys, List.of());
    }

    private static boolean failedAlready(Future<RecordMetadata> ack) {
        return ack.isDone() && failureOf(ack, System.nanoTime()) != null;
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

    /** What {@code last_error} keeps: the exception and its message. */
    private String describe(Throwable failure) {
        String text = failure instanceof TimeoutException
                ? "not acknowledged within " + config.sendTimeout().plus(ACK_GRACE).toMillis() + " ms"
                : failure.toString();
        return text.length() <= LAST_ERROR_LENGTH ? text : text.substring(0, LAST_ERROR_LENGTH);
    }

    /** Adds the failures to their rows; returns the rows that reached {@code stuck-after} attempts just now. */
    private List<StuckRow> recordFailures(SqlConnection connection, List<FailedSend> failures) {
        Long[] ids = failures.stream().map(failure -> failure.record().id()).toArray(Long[]::new);
        String[] errors = failures.stream().map(FailedSend::error).toArray(String[]::new);
        List<StuckRow> stuck = new ArrayList<>();
        for (Row row : await(connection.preparedQuery("UPDATE " + table + " o SET attempts = o.attempts + 1, last_error = f.error"
                        + " FROM unnest($1::bigint[], $2::text[]) AS f(id, error) WHERE o.id = f.id"
                        + " RETURNING o.event_id, o.topic, o.record_key, o.attempts, o.last_error")
                .execute(Tuple.tuple().addArrayOfLong(ids).addArrayOfString(errors)))) {
            if (row.getInteger("attempts") == config.stuckAfter()) {
                stuck.add(new StuckRow(row.getUUID("event_id"), row.getString("topic"), row.getString("record_key"),
                        row.getInteger("attempts"), row.getString("last_error")));
            }
        }
        return stuck;
    }

    private void warnStuck(StuckRow row) {
        LOG.warnf("Outbox event %s (topic %s, key %s) has failed %d times and the later events of its key wait behind it "
                        + "(last error: %s). It is tried again every %s. If Kafka will never take it, fix the cause (the "
                        + "topic's settings, an ACL) or, once the event is dealt with by hand, delete its row "
                        + "(DELETE FROM %s WHERE event_id = '%s'): the events behind it then go out",
                row.eventId(), row.topic(), row.key(), row.attempts(), row.lastError(), config.pollInterval(), table,
                row.eventId());
    }

    /** Updates the gauges; every replica counts, whether or not it holds the relay lock or runs the relay. */
    private void refreshBacklog() {
        long countStarted = System.nanoTime();
        Row row = await(pool.preparedQuery("SELECT count(*) AS pending, min(created_at) AS oldest,"
                + " count(*) FILTER (WHERE attempts >= $1) AS stuck FROM " + table + " WHERE published_at IS NULL")
                .execute(Tuple.of(config.stuckAfter()))).iterator().next();
        OffsetDateTime oldest = row.getOffsetDateTime("oldest");
        metrics.backlog(row.getLong("pending"), oldest == null ? null : oldest.toInstant(), row.getLong("stuck"));
        if (row.getLong("pending") == 0) {
            drainedListeners.forEach(listener -> listener.accept(countStarted));
        }
    }

    /**
     * Tells {@code listener}, on the relay's thread, each time a count of the backlog finds nothing
     * pending, with the {@link System#nanoTime()} at which that count began: from then on, everything
     * appended earlier had been published ({@link DirectPublisher} goes back to Kafka directly then).
     */
    void whenDrained(LongConsumer listener) {
        drainedListeners.add(listener);
    }

    void noLongerWhenDrained(LongConsumer listener) {
        drainedListeners.remove(listener);
    }

    /** Deletes published rows older than the retention, in chunks, under the relay lock. */
    private void deleteExpired() {
        boolean more = true;
        while (more && !stopped.get()) {
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
            producer = KafkaProducers.create(kafkaSettings, "music-outbox-relay", config.sendTimeout(), config.sendTimeout(), 5);
        }
        return producer;
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

    /** What one poll has learnt, so that its later batches neither retry a failed row nor wait for a topic again. */
    private static final class PollState {
        final Set<Long> failedRows = new HashSet<>();
        final Set<String> unavailableTopics = new LinkedHashSet<>();
    }

    /** A row read for publishing; {@code attempts} is how often its send has failed before. */
    private record PendingRecord(long id, String topic, String key, byte[] payload, String headers, UUID eventId,
                                 int attempts) {
        static PendingRecord of(Row row) {
            return new PendingRecord(row.getLong("id"), row.getString("topic"), row.getString("record_key"),
                    row.getBuffer("payload").getBytes(), row.getString("headers"), row.getUUID("event_id"),
                    row.getInteger("attempts"));
        }

        /** Order holds per key within a topic. */
        String topicAndKey() {
            return topic + '\u0000' + key;
        }
    }

    private record Sent(PendingRecord record, Future<RecordMetadata> ack) {
    }

    private record FailedSend(PendingRecord record, String error, Throwable cause) {

        /**
         * Whether the failure may concern Kafka or the producer rather than this record alone. A record
         * too large (for the producer or for the topic) says nothing about either: it is logged as a
         * stuck row, never as an outage, and the producer is kept.
         */
        boolean aboutKafka() {
            return !(cause instanceof RecordTooLargeException);
        }
    }

    private record StuckRow(UUID eventId, String topic, String key, int attempts, String lastError) {
    }

    /**
     * What one batch achieved: the rows to mark and their count per topic, the failed sends, the
     * topics found without a broker, whether a row that had failed before went through (releasing
     * the rows of its key that waited for it), and the rows that have just become stuck.
     */
    private record Delivery(int batchSize, List<Long> publishedIds, Map<String, Integer> publishedPerTopic,
                            List<FailedSend> failures, Set<String> unavailableTopics, boolean releasedKeys,
                            List<StuckRow> stuck) {

        static final Delivery NOTHING = new Delivery(0, List.of(), Map.of(), List.of(), Set.of(), false, List.of());

        Delivery withStuck(List<StuckRow> rows) {
            return new Delivery(batchSize, publishedIds, publishedPerTopic, failures, unavailableTopics, releasedKeys, rows);
        }
    }
}
