package io.musicplatform.playback.service;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.outbox.Outbox;
import io.musicplatform.playback.config.PlaybackConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Commits the TrackPlayed of plays in groups: one multi-row append to the outbox and one durable
 * commit for every play that arrived while the previous group was being committed, instead of a
 * transaction of four round trips and a flush of the write-ahead log per play (DESIGN.md section 4
 * asks the same of counting). Each play is answered only once its own group has committed, so an
 * answered play still always has its event; a group that fails fails every play in it, and none of
 * them is answered 200.
 *
 * <p>No timer: a play that finds no group in flight is committed at once, alone, so a quiet service
 * adds no wait; under load, the plays that arrive during one commit form the next group, up to
 * {@code play-group-size}. At most {@code play-groups-in-flight} groups commit at a time.
 */
@ApplicationScoped
public class PlayCommits {

    private record Waiting(TrackPlayed event, Context context, UniEmitter<? super Void> answer) {
    }

    private final Outbox outbox;
    private final int maxGroup;
    private final Timer commitTime;
    private final DistributionSummary groupSize;
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    public PlayCommits(Outbox outbox, PlaybackConfig config, MeterRegistry registry) {
        this.outbox = outbox;
        this.maxGroup = config.playGroupSize();
        this.maxInFlight = config.playGroupsInFlight();
        this.commitTime = Timer.builder("music.playback.play.group.commit")
                .description("How long each group of plays' events took to commit to the outbox (what a play waits for, at most twice)")
                .register(registry);
        this.groupSize = DistributionSummary.builder("music.playback.play.group.size")
                .description("Plays whose events were committed together in one group")
                .register(registry);
    }

    /** Completes once {@code event} is committed to the outbox, on the caller's Vert.x context. */
    public Uni<Void> commit(TrackPlayed event) {
        return Uni.createFrom().emitter(answer -> {
            waiting.add(new Waiting(event, Vertx.currentContext(), answer));
            commitNextGroup();
        });
    }

    /** Starts committing what waits, unless as many groups as allowed are in flight (the end of one starts the next). */
    private void commitNextGroup() {
        while (true) {
            int current = inFlight.get();
            if (current >= maxInFlight) {
                return;
            }
            if (!inFlight.compareAndSet(current, current + 1)) {
                continue;
            }
            List<Waiting> group = new ArrayList<>();
            for (Waiting next = waiting.poll(); next != null; next = group.size() < maxGroup ? waiting.poll() : null) {
                group.add(next);
            }
            if (group.isEmpty()) {
                inFlight.decrementAndGet();
                // A play queued between the poll and the release found every slot taken: look again.
                if (waiting.isEmpty()) {
                    return;
                }
                continue;
            }
            groupSize.record(group.size());
            Timer.Sample started = Timer.start();
            outbox.appendCommitted(group.stream().map(Waiting::event).toList())
                    .onTermination().invoke(() -> started.stop(commitTime))
                    .subscribe().with(committed -> finish(group, null), failure -> finish(group, failure));
            return;
        }
    }

    private void finish(List<Waiting> group, Throwable failure) {
        inFlight.decrementAndGet();
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
