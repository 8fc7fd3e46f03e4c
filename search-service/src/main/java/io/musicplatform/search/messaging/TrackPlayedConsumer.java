package io.musicplatform.search.messaging;

import io.musicplatform.events.EventCodec;
import io.musicplatform.search.service.TrackFeed;
import io.musicplatform.servicecore.kafka.EventRecords;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Popularity from track-played: a batch of plays becomes one count per track and one bulk request
 * (TrackFeed), never one index write per play. Unreadable records go to the dead-letter topic.
 */
@ApplicationScoped
public class TrackPlayedConsumer {

    public static final String CHANNEL = "track-played";

    private final EventRecords records;
    private final TrackFeed feed;

    public TrackPlayedConsumer(EventRecords records, TrackFeed feed) {
        this.records = records;
        this.feed = feed;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, byte[]> batch) {
        return records.readAll(batch, EventCodec.TRACK_PLAYED).chain(feed::played);
    }
}
