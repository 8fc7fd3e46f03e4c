package io.musicplatform.simulator;

import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.events.TrackPlayedSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Publishes plays on track-played as playback-service does: keyed by trackId, JSON with the
 * CloudEvents headers, {@code acks=all} and an idempotent producer. At a fixed rate (paced against the
 * clock, so a slow moment is caught up rather than lost) or, with rate 0, as fast as the broker takes them.
 * A share of the plays can be sent twice with the same eventId, as a producer that retried would.
 */
public final class PlayPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final TrackPlayedSerializer serializer = new TrackPlayedSerializer();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    /** Bounds the records in flight, so that flat-out publishing waits for the broker instead of filling memory. */
    private final Semaphore inFlight = new Semaphore(50_000);

    public PlayPublisher(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "play-simulator");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Sends {@code count} plays from {@code plays} at {@code ratePerSecond} (0: as fast as possible);
     * {@code duplicateShare} of them (0 to 1) are sent a second time, at once, with the same eventId.
     * {@code sent} sees each distinct play once, before it is sent. Returns once every record is acknowledged.
     */
    public void publish(SimulatedPlays plays, long count, double ratePerSecond, double duplicateShare, Consumer<TrackPlayed> sent)
            throws InterruptedException {
        long started = System.nanoTime();
        double nanosPerPlay = ratePerSecond > 0 ? 1e9 / ratePerSecond : 0;
        java.util.SplittableRandom dice = new java.util.SplittableRandom(plays.settings().seed() + 1);
        for (long i = 0; i < count; i++) {
            if (nanosPerPlay > 0) {
                long due = started + (long) (i * nanosPerPlay);
                long wait = due - System.nanoTime();
                if (wait > 1_000_000) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            TrackPlayed play = plays.next();
            sent.accept(play);
            send(play);
            if (duplicateShare > 0 && dice.nextDouble() < duplicateShare) {
                send(play);
            }
            Exception failed = failure.get();
            if (failed != null) {
                throw new IllegalStateException("A send failed", failed);
            }
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("A send failed", failure.get());
        }
    }

    /** Sends these plays, each once, and returns once every one is acknowledged. */
    public void publish(Iterable<TrackPlayed> plays) throws InterruptedException {
        for (TrackPlayed play : plays) {
            send(play);
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("A send failed", failure.get());
        }
    }

    /** Records the broker has acknowledged so far, repeats included. */
    public long acknowledged() {
        return acknowledged.get();
    }

    private void send(TrackPlayed play) throws InterruptedException {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = serializer.serialize(Topics.TRACK_PLAYED, headers, play);
        inFlight.acquire();
        producer.send(new ProducerRecord<>(Topics.TRACK_PLAYED, null, play.trackId(), value, headers), (metadata, error) -> {
            inFlight.release();
            if (error != null) {
                failure.compareAndSet(null, error);
            } else {
                acknowledged.incrementAndGet();
            }
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
        serializer.close();
    }
}
