package io.musicplatform.servicecore.kafka;

import io.musicplatform.events.EventCodec;
import io.musicplatform.events.TrackPlayed;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A consumer written the way services write theirs: the helper reads, the consumer only keeps what it got. */
@ApplicationScoped
public class RecordingPlaysConsumer {

    static final String CHANNEL = "plays";

    private final EventRecords records;
    private final List<TrackPlayed> received = new CopyOnWriteArrayList<>();
    private final List<Boolean> onVertxContext = new CopyOnWriteArrayList<>();

    public RecordingPlaysConsumer(EventRecords records) {
        this.records = records;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return records.read(record, EventCodec.TRACK_PLAYED)
                .invoke(played -> {
                    // Whether the logic after the helper could use Hibernate Reactive, which needs a Vert.x context.
                    onVertxContext.add(Vertx.currentContext() != null);
                    if (played != null) {
                        received.add(played);
                    }
                })
                .replaceWithVoid();
    }

    List<TrackPlayed> received() {
        return received;
    }

    List<Boolean> onVertxContext() {
        return onVertxContext;
    }
}
