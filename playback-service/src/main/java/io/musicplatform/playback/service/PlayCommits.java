package io.musicplatform.playback.service;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.musicplatform.events.Event;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.outbox.DirectPublisher;
import io.musicplatform.outbox.Outbox;
import io.musicplatform.playback.config.PlaybackConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes the TrackPlayed of plays durable (DESIGN.md section 5). First straight to Kafka through the
 * outbox module's {@link DirectPublisher}: acknowledged within {@code music.outbox.direct-timeout},
 * the play costs no database write at all. When Kafka is slow or away, the event goes to the outbox
 * instead, committed in a group: one multi-row append and one durable commit for every play that
 * arrived while the previous group was being committed, instead of a transaction of four round trips
 * and a flush of the write-ahead log per play (DESIGN.md section 4 asks the same of counting). Each
 * play is answered only once Kafka acknowledged its event or its group committed, so an answered play
 * always has its event; a group that fails fails every play in it, and none of them is answered 200.
 *
 * <p>No timer: a play that finds no group in flight is committed at once, alone, so a quiet service
 * adds no wait; under load, the plays that arrive during one commit form the next group, up to
 * {@code play-group-size}. One group is in flight at a time.
 */
@ApplicationScoped
public class PlayCommits {

    private record Waiting(Event event, Duration hold, Context context, UniEmitter<? super Void> answer) {
    }

    private final Outbox outbox;
    private final DirectPublisher direct;
    private final boolean kafkaFirst;
    private final int maxGroup;
    private final Timer commitTime;
    private final DistributionSummary groupSize;
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean committing = new AtomicBoolean();

    public PlayCommits(Outbox outbox, DirectPublisher direct, PlaybackConfig config, MeterRegistry registry) {
        this.outbox = outbox;
        this.direct = direct;
        this.kafkaFirst = config.kafkaFirst();
        this.maxGroup = config.playGroupSize();
        this.commitTime = Timer.builder("music.playback.play.group.commit")
                .description("How long each group of plays' events took to commit to the outbox (what a play waits for, at most twice)")
                .register(registry);
        this.groupSize = DistributionSummary.builder("music.playback.play.group.size")
                .description("Plays whose events were committed together in one group")
                .register(registry);
    }

    /** Completes once {@code event} is durable, acknowledged by Kafka or committed to the outbox, on the caller's Vert.x context. */
    public Uni<Void> commit(TrackPlayed event) {
        return kafkaFirst ? direct.publish(event, this::commitInGroup) : commitInGroup(event, null);
    }

    /** Completes once {@code event} is committed to the outbox (held back for {@code hold}, when not null) with its group. */
    private Uni<Void> commitInGroup(Event event, Duration hold) {
        return Uni.createFrom().emitter(answer -> {
            waiting.add(new Waiting(event, hold, Vertx.currentContext(), answer));
            commitNextGroup();
        });
    }

    /** Starts committing what waits, unless a group is in flight (its end starts the next one). */
    private void commitNextGroup() {
        while (committing.compareAndSet(false, true)) {
            List<Waiting> group = new ArrayList<>();
            for (Waiting next = waiting.poll(); next != null; next = group.size() < maxGroup ? waiting.poll() : null) {
                group.add(next);
            }
            if (group.isEmpty()) {
                committing.set(false);
                // A play queued between the poll and the reset found the flag still set: look again.
                if (waiting.isEmpty()) {
                    return;
                }
                continue;
            }
            groupSize.record(group.size());
            Timer.Sample started = Timer.start();
            Map<Event, Duration> holds = new IdentityHashMap<>();
            group.forEach(play -> holds.put(play.event(), play.hold()));
            outbox.appendCommitted(group.stream().map(Waiting::event).toList(), holds::get)
                    .onTermination().invoke(() -> started.stop(commitTime))
                    .subscribe().with(committed -> finish(group, null), failure -> finish(group, failure));
            return;
        }
    }

    private void finish(List<Waiting> group, Throwable failure) {
        committing.set(false);
        commitNextGroup();
        for (Waiting play : group) {
            Runnable answer = failure == null ? () -> play.answer().complete(null) : () -> play.answer().fail(failure);
            if (play.context() != null) {
                play.context().runOnContext(ignored -> answer.run());
            } else {
                answer.run();
            }
        }
    }
}
