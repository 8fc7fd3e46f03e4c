package io.musicplatform.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.events.Event;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Makes an event durable by the shorter of two roads (DESIGN.md section 5): straight to Kafka, done
 * once Kafka acknowledges it ({@code acks=all}); or, when Kafka is slow or unreachable, committed to
 * the outbox, which the relay publishes later. For a caller whose event is its whole write (a play),
 * the direct road costs no database commit at all.
 *
 * <p><b>Nothing lost.</b> {@link #publish} completes only once one road holds the event: Kafka's
 * acknowledgement within {@code music.outbox.direct-timeout}, or the outbox's commit. It fails when
 * neither holds it, so the caller must not report success then.
 *
 * <p><b>Nothing doubled.</b> A direct send that was not acknowledged in time may still be: its event
 * is committed to the outbox <em>held</em> ({@code publish_after}, for longer than the producer's
 * delivery timeout), and Kafka's late answer settles the row: marked published when Kafka took the
 * record, released to the relay at once when it refused it. A held row also holds back the later rows
 * of its key, so the order of a key survives. Only a process that dies between Kafka's late
 * acknowledgement and the settling leaves a row that goes out a second time after the hold; every
 * consumer drops a repeated eventId.
 *
 * <p><b>One road at a time.</b> After a direct send times out or fails, every event goes through the
 * outbox, in order, until a count of the backlog (the relay's, every poll interval, on every replica)
 * finds the outbox empty and no fallback in progress; then events go directly again. So while Kafka is
 * away, events do not each wait for the timeout, and once it is back they do not overtake the backlog.
 * The direct road starts closed: a fresh process uses the outbox until the relay's first count.
 *
 * <p>A send blocks its caller for the broker's metadata only the first time a topic is sent to (then
 * the producer keeps it), at most {@code direct-timeout} (100 ms when that is shorter); the relay's
 * thread fetches the metadata of the topics already used before it opens the direct road again.
 *
 * <p>Metric {@code music_outbox_direct_total{topic,outcome}}: {@code acknowledged} (direct, in time),
 * {@code timed-out} and {@code failed} (direct, then the outbox), {@code outbox} (the direct road was
 * closed). An event acknowledged directly also counts in {@code music_events_published_total}.
 */
@ApplicationScoped
public class DirectPublisher {

    /** How an event the direct road did not take goes to the outbox: committed on its own, or with others. */
    @FunctionalInterface
    public interface Fallback {
        /**
         * Commits {@code event} to the outbox, held back for {@code hold} (null: not held), as
         * {@link Outbox#appendCommitted(java.util.List, java.util.function.Function)} does; completes once committed.
         */
        Uni<Void> append(Event event, Duration hold);
    }

    private static final Logger LOG = Logger.getLogger(DirectPublisher.class);
    /** How much longer than the producer's delivery timeout a held row waits: its answer comes within that timeout. */
    private static final Duration HOLD_MARGIN = Duration.ofSeconds(5);
    /** The least a send or a metadata fetch may block for the broker's metadata, however short the direct timeout. */
    private static final Duration MIN_BLOCK = Duration.ofMillis(100);
    /** The direct road waits for records only briefly, so a short linger: requests in flight batch the rest. */
    private static final int LINGER_MS = 5;

    private final Outbox outbox;
    private final Vertx vertx;
    private final OutboxRelay relay;
    private final OutboxMetrics metrics;
    private final MeterRegistry registry;
    private final Map<String, Object> kafkaSettings;
    private final Duration timeout;
    private final Duration deliveryTimeout;
    private final Duration hold;
    /** The topics sent to so far, whose metadata the relay's thread fetches before the road opens again. */
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final AtomicInteger fallbacksInFlight = new AtomicInteger();
    /** When the last fallback's commit ended ({@link System#nanoTime()}): a count must start after it to reopen the road. */
    private volatile long lastFallbackEnded = System.nanoTime();
    private volatile boolean open;
    /** Why the road closed last, for the log line that says it opened again. */
    private volatile String closedBecause = "the service started";
    private final LongConsumer drainedListener = this::drained;
    private KafkaProducer<String, byte[]> producer;

    DirectPublisher(Outbox outbox, OutboxRelay relay, OutboxMetrics metrics, MeterRegistry registry, OutboxConfig config,
                    @Identifier("default-kafka-broker") Map<String, Object> kafkaSettings, Vertx vertx) {
        this.outbox = outbox;
        this.vertx = vertx;
        this.relay = relay;
        this.metrics = metrics;
        this.registry = registry;
        this.kafkaSettings = kafkaSettings;
        this.timeout = config.directTimeout();
        this.deliveryTimeout = config.sendTimeout();
        this.hold = deliveryTimeout.plus(HOLD_MARGIN);
    }

    @PostConstruct
    void start() {
        if (!kafkaSettings.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalStateException("DirectPublisher sends to Kafka, but kafka.bootstrap.servers is not set");
        }
        Duration maxBlock = timeout.compareTo(MIN_BLOCK) < 0 ? MIN_BLOCK : timeout;
        producer = KafkaProducers.create(kafkaSettings, "music-outbox-direct", deliveryTimeout, maxBlock, LINGER_MS);
        relay.whenDrained(drainedListener);
    }

    @PreDestroy
    void stop() {
        open = false;
        relay.noLongerWhenDrained(drainedListener);
        // Sends in flight get their answer (and their held rows settled) within the grace, or go out after their hold.
        producer.close(Duration.ofSeconds(5));
    }

    /** {@link #publish(Event, Fallback)} with the event committed on its own when it goes to the outbox. */
    public Uni<Void> publish(Event event) {
        return publish(event, (one, holdFor) -> outbox.appendCommitted(List.of(one), ignored -> holdFor));
    }

    /**
     * Completes once {@code event} is durable: acknowledged by Kafka, or committed to the outbox by
     * {@code fallback}; on the caller's Vert.x context. Fails, for an event that breaks its schema or
     * when the outbox's commit fails, with nothing acknowledged.
     */
    public Uni<Void> publish(Event event, Fallback fallback) {
        return Uni.createFrom().deferred(() -> {
            ProducerRecord<String, byte[]> record = outbox.record(event);
            Executor caller = callerContext();
            topics.add(record.topic());
            if (!open) {
                count(record.topic(), "outbox");
                return toOutbox(event, fallback, null).emitOn(caller);
            }
            CompletableFuture<Void> ack = new CompletableFuture<>();
            try {
                producer.send(record, (metadata, failure) -> {
                    if (failure == null) {
                        ack.complete(null);
                    } else {
                        ack.completeExceptionally(failure);
                    }
                });
            } catch (RuntimeException e) {
                // Nothing was handed to the producer (no metadata in time, no room, a closed producer).
                ack.completeExceptionally(e);
            }
            return inTime(ack).onItemOrFailure().transformToUni((ignored, failure) -> {
                if (failure == null) {
                    count(record.topic(), "acknowledged");
                    metrics.published(record.topic(), 1);
                    return Uni.createFrom().voidItem();
                }
                boolean timedOut = failure instanceof TimeoutException;
                count(record.topic(), timedOut ? "timed-out" : "failed");
                close(timedOut ? "Kafka did not acknowledge event " + event.eventId() + " within " + timeout.toMillis() + " ms"
                        : "Kafka refused event " + event.eventId() + " (" + failure + ")");
                if (!timedOut) {
                    return toOutbox(event, fallback, null);
                }
                // The send may still be acknowledged: the row waits for its answer, which settles it.
                return toOutbox(event, fallback, hold).invoke(() -> settleOnAnswer(ack, record.topic(), event));
            }).emitOn(caller);
        });
    }

    /**
     * Kafka's answer, or a {@link TimeoutException} once {@code direct-timeout} has passed. The
     * timer is a Vert.x one (an event loop's scheduled task), not {@link CompletableFuture#orTimeout},
     * whose timeouts need a free thread of the common fork-join pool, which other work may hold.
     */
    private Uni<Void> inTime(CompletableFuture<Void> ack) {
        return Uni.createFrom().emitter(answer -> {
            AtomicBoolean decided = new AtomicBoolean();
            long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
                if (decided.compareAndSet(false, true)) {
                    answer.fail(new TimeoutException());
                }
            });
            ack.whenComplete((ignored, failure) -> {
                if (decided.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer);
                    if (failure == null) {
                        answer.complete(null);
                    } else {
                        answer.fail(failure);
                    }
                }
            });
        });
    }

    private Uni<Void> toOutbox(Event event, Fallback fallback, Duration holdFor) {
        fallbacksInFlight.incrementAndGet();
        return Uni.createFrom().deferred(() -> fallback.append(event, holdFor)).onTermination().invoke(() -> {
            lastFallbackEnded = System.nanoTime();
            fallbacksInFlight.decrementAndGet();
        });
    }

    /** Once Kafka answers a send that timed out (within the delivery timeout), settles its held row. */
    private void settleOnAnswer(CompletableFuture<Void> ack, String topic, Event event) {
        ack.whenComplete((ignored, failure) -> {
            boolean published = failure == null;
            if (published) {
                metrics.published(topic, 1);
            }
            outbox.settle(event.eventId(), published).subscribe().with(
                    done -> LOG.debugf("Event %s, sent directly and held in the outbox, was %s by Kafka late; its row is settled",
                            event.eventId(), published ? "acknowledged" : "refused"),
                    error -> LOG.warnf("Event %s: Kafka %s it late, and its held outbox row could not be settled (%s); the relay "
                                    + "publishes it after the hold, and consumers drop the repeat", event.eventId(),
                            published ? "acknowledged" : "refused", error.toString()));
        });
    }

    private void close(String reason) {
        if (open) {
            open = false;
            closedBecause = reason;
            LOG.warnf("%s: events go through the outbox until it is empty again", reason);
        }
    }

    /** Whether events go to Kafka directly now (rather than through the outbox). */
    boolean isOpen() {
        return open;
    }

    /** Called on the relay's thread when a count that began at {@code countStarted} found nothing pending. */
    private void drained(long countStarted) {
        if (open || fallbacksInFlight.get() > 0 || countStarted - lastFallbackEnded < 0) {
            return;
        }
        for (String topic : topics) {
            try {
                producer.partitionsFor(topic);
            } catch (KafkaException e) {
                LOG.debugf("No metadata for topic %s yet (%s): events still go through the outbox", topic, e.toString());
                return;
            }
        }
        open = true;
        LOG.infof("Events go to Kafka directly again (the outbox is empty; the direct road had closed: %s)", closedBecause);
    }

    private void count(String topic, String outcome) {
        Counter.builder("music.outbox.direct")
                .description("Events by the road they took: acknowledged by Kafka directly, or the outbox after a timeout, a refusal, "
                        + "or while the direct road was closed")
                .tag("topic", topic).tag("outcome", outcome)
                .register(registry).increment();
    }

    /** Answers go back to the caller's Vert.x context (Kafka answers on its own thread). */
    private static Executor callerContext() {
        Context context = Vertx.currentContext();
        return context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
    }
}
