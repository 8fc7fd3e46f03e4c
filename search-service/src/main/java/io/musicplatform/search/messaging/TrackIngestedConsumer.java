package io.musicplatform.search.messaging;

import io.musicplatform.events.CloudEventHeaders;
import io.musicplatform.events.EventCodec;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.search.service.TrackFeed;
import io.musicplatform.servicecore.kafka.DeadLetterQueue;
import io.musicplatform.servicecore.kafka.EventRecords;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;

/**
 * Feeds the index from track-ingested, one batch of records at a time: the batch's revisions go to
 * the index in one bulk request (TrackFeed). An unreadable record goes to the dead-letter topic (the
 * helper's job), and so does a record whose document the index refuses for good; an index that is
 * down is waited for, so the partition never skips a revision.
 */
@ApplicationScoped
public class TrackIngestedConsumer {

    public static final String CHANNEL = "track-ingested";

    private final EventRecords records;
    private final DeadLetterQueue deadLetters;
    private final TrackFeed feed;

    public TrackIngestedConsumer(EventRecords records, DeadLetterQueue deadLetters, TrackFeed feed) {
        this.records = records;
        this.deadLetters = deadLetters;
        this.feed = feed;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, byte[]> batch) {
        return records.readAll(batch, EventCodec.TRACK_INGESTED)
                .chain(feed::apply)
                .chain(refused -> Multi.createFrom().iterable(refused.entrySet())
                        .onItem().transformToUniAndConcatenate(entry -> deadLetters.send(recordOf(batch, entry.getKey()),
                                new IllegalArgumentException(entry.getValue())))
                        .collect().last())
                .replaceWithVoid();
    }

    /** The record that carried {@code event}: same key and CloudEvents id (the eventId). */
    private static ConsumerRecord<String, byte[]> recordOf(ConsumerRecords<String, byte[]> batch, TrackIngested event) {
        ConsumerRecord<String, byte[]> sameKey = null;
        for (ConsumerRecord<String, byte[]> record : batch) {
            if (event.trackId().equals(record.key())) {
                sameKey = record;
                Header id = record.headers().lastHeader(CloudEventHeaders.ID);
                if (id != null && event.eventId().toString().equals(new String(id.value(), StandardCharsets.UTF_8))) {
                    return record;
                }
            }
        }
        if (sameKey == null) {
            throw new IllegalStateException("No record of the batch carries revision " + event.revision() + " of " + event.trackId());
        }
        return sameKey;
    }
}
