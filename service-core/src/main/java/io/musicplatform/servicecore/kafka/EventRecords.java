package io.musicplatform.servicecore.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.events.Event;
import io.musicplatform.events.EventCodec;
import io.musicplatform.events.EventDeserializer;
import io.musicplatform.events.InvalidEventException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The consumer helper: turns the records a channel delivers (values as {@code byte[]}) into events, and
 * applies the dead-letter rule to those that are not, so that a consumer only writes its logic.
 *
 * <pre>{@code
 * @Incoming(CHANNEL)
 * public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
 *     return records.read(record, EventCodec.TRACK_INGESTED)
 *             .onItem().ifNotNull().transformToUni(catalog::apply);
 * }
 * }</pre>
 *
 * A record that is not a valid event (not JSON, against its schema, or a {@code ce_type} of another
 * event) goes to {@code <topic>.dlq} with the error in its headers and is counted; the consumer gets
 * {@code null} for it and the partition moves on. A tombstone (null value) also reads as {@code null}.
 * Every valid event counts in {@code music_events_consumed_total{topic,group}}. Failures of the
 * consumer's own logic are not this helper's business: a database that is down is not a bad record.
 */
@ApplicationScoped
public class EventRecords {

    private final DeadLetterQueue deadLetters;
    private final MeterRegistry registry;
    private final String group;
    private final Map<String, Counter> consumed = new ConcurrentHashMap<>();
    private final Map<EventCodec<?>, EventDeserializer<?>> deserializers = new ConcurrentHashMap<>();

    public EventRecords(DeadLetterQueue deadLetters, MeterRegistry registry, KafkaClients kafka) {
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.group = kafka.groupId();
    }

    /** The counters of every topic the service reads exist from the start, at zero, so that rates see the first records. */
    void registerCounters(@Observes StartupEvent start, MessagingConfig config) {
        for (String topic : config.consumedTopics()) {
            counter(topic);
            deadLetters.register(topic);
        }
    }

    /** The record's event; {@code null} when it was a tombstone or has been moved to the dead-letter topic. */
    public <T extends Event> Uni<T> read(ConsumerRecord<String, byte[]> record, EventCodec<T> codec) {
        if (record.value() == null) {
            return Uni.createFrom().nullItem();
        }
        try {
            T event = deserializer(codec).deserialize(record.topic(), record.headers(), record.value());
            counter(record.topic()).increment();
            return Uni.createFrom().item(event);
        } catch (InvalidEventException unreadable) {
            return deadLetters.send(record, unreadable).replaceWith((T) null);
        }
    }

    /**
     * The events of a batch, in the order of the records; unreadable ones are moved to the dead-letter
     * topic (each acknowledged before the returned {@code Uni} completes) and tombstones are left out.
     */
    public <T extends Event> Uni<List<T>> readAll(Iterable<ConsumerRecord<String, byte[]>> records, EventCodec<T> codec) {
        return readAll(records, codec, (record, event) -> event);
    }

    /**
     * {@link #readAll(Iterable, EventCodec)}, each event handed to {@code read} with its record (for a
     * consumer that needs the partition and offset too). The records are decoded one after the other on
     * the calling thread, with no {@code Uni} per record: at tens of thousands of records a second, one
     * per record cost more than the decoding. Only the dead letters, rare, take a round trip to Kafka,
     * in the order of their records.
     */
    public <T extends Event, R> Uni<List<R>> readAll(Iterable<ConsumerRecord<String, byte[]>> records, EventCodec<T> codec,
                                                     BiFunction<ConsumerRecord<String, byte[]>, T, R> read) {
        EventDeserializer<T> deserializer = deserializer(codec);
        List<R> events = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        ConsumedCount consumedCount = new ConsumedCount();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                continue;
            }
            try {
                T event = deserializer.deserialize(record.topic(), record.headers(), record.value());
                consumedCount.add(record.topic());
                events.add(read.apply(record, event));
            } catch (InvalidEventException error) {
                unreadable.add(new Unreadable(record, error));
            }
        }
        consumedCount.flush();
        if (unreadable.isEmpty()) {
            return Uni.createFrom().item(events);
        }
        return Multi.createFrom().iterable(unreadable)
                .onItem().transformToUniAndConcatenate(letter -> deadLetters.send(letter.record(), letter.error()))
                .collect().last()
                .replaceWith(events);
    }

    private record Unreadable(ConsumerRecord<String, byte[]> record, InvalidEventException error) {
    }

    /** Counts a batch's valid events per topic with one increment per run of records of a topic, not one per record. */
    private final class ConsumedCount {
        private String topic;
        private long count;

        void add(String recordTopic) {
            if (!recordTopic.equals(topic)) {
                flush();
                topic = recordTopic;
            }
            count++;
        }

        void flush() {
            if (count > 0) {
                counter(topic).increment(count);
                count = 0;
            }
        }
    }

    /** Valid events of {@code topic} this service has read since it started. */
    public double consumedCount(String topic) {
        return counter(topic).count();
    }

    @SuppressWarnings("unchecked")
    private <T extends Event> EventDeserializer<T> deserializer(EventCodec<T> codec) {
        // The events' own deserializer, so a record is judged exactly as a typed channel would judge it.
        return (EventDeserializer<T>) deserializers.computeIfAbsent(codec, c -> new EventDeserializer<T>(codec) {
        });
    }

    private Counter counter(String topic) {
        return consumed.computeIfAbsent(topic, t -> Counter.builder("music.events.consumed")
                .description("Events read and handed to the service's logic")
                .tag("topic", t)
                .tag("group", group)
                .register(registry));
    }
}
