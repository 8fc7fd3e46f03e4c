package io.musicplatform.catalog.messaging;

import io.musicplatform.catalog.service.NotificationService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Numbers and publishes the notifications made or changed since its last run, at the outbox relay's
 * pace ({@code music.outbox.poll-interval}): a full batch is followed by the next at once, so a
 * release to a hundred thousand followers goes out in twenty batches, one after the other. One replica
 * at a time does it ({@link NotificationService#publishChanges}).
 */
@ApplicationScoped
public class NotificationChangesPublisher {

    /** Notifications per transaction: a few hundred milliseconds of work, so a poll never holds its lock long. */
    static final int BATCH = 5_000;

    private final NotificationService notifications;

    public NotificationChangesPublisher(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Scheduled(every = "${music.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> publish() {
        return notifications.publishChanges(BATCH).chain(published -> published == BATCH ? publish() : Uni.createFrom().voidItem());
    }
}
