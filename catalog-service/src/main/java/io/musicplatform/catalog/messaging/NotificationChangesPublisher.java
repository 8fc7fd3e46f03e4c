package io.musicplatform.catalog.messaging;

import io.musicplatform.catalog.config.CatalogConfig;
import io.musicplatform.catalog.service.NotificationService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Numbers and publishes the notifications made or changed since its last run, at the outbox relay's
 * pace ({@code music.outbox.poll-interval}): while statements are pending, one batch follows another at
 * once, so a release to a hundred thousand followers goes out in twenty batches, one after the other. One replica
 * at a time does it ({@link NotificationService#publishChanges}).
 *
 * <p>A Vert.x timer rather than {@code @Scheduled}, whose resolution is one second: a notification is
 * waited for live, and the work is a few non-blocking database calls, so the event loop can run it.
 */
@ApplicationScoped
public class NotificationChangesPublisher {

    private static final Logger LOG = Logger.getLogger(NotificationChangesPublisher.class);

    private final NotificationService notifications;
    private final Vertx vertx;
    private final Duration every;
    private final int batch;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public NotificationChangesPublisher(NotificationService notifications, Vertx vertx, CatalogConfig config,
                                        @ConfigProperty(name = "music.outbox.poll-interval") Duration every) {
        if (config.notifications().publishBatch() < 1) {
            throw new IllegalArgumentException("music.catalog.notifications.publish-batch must be at least 1, not "
                    + config.notifications().publishBatch());
        }
        this.notifications = notifications;
        this.vertx = vertx;
        this.every = every;
        this.batch = config.notifications().publishBatch();
    }

    void start(@Observes StartupEvent start) {
        timer = vertx.setPeriodic(Math.max(1, every.toMillis()), tick -> run());
    }

    void stop(@Observes ShutdownEvent stop) {
        vertx.cancelTimer(timer);
    }

    /** One run at a time: a tick that finds the last still running skips. */
    private void run() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        drain().subscribe().with(done -> running.set(false), failure -> {
            running.set(false);
            LOG.warnf("Could not publish the latest notifications (%s); trying again in %s", failure.getMessage(), every);
        });
    }

    private Uni<Void> drain() {
        return notifications.publishChanges(batch).chain(published -> published.more() ? drain() : Uni.createFrom().voidItem());
    }
}
