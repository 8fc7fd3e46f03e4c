package io.musicplatform.catalog.service;

import io.musicplatform.events.PlaylistChange;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One listener's open stream on this replica: what it has sent (its position), and the work that keeps
 * it complete and in order. Every change reaches it as a task: a live change from Kafka, the catch-up
 * after the stream opens or after this replica joins the topic, a heartbeat. Tasks run one at a time,
 * in the order they came, so nothing is written out of order even while a task waits for the database
 * or for the client's connection to take an event.
 *
 * <p>Each task keeps the stream gapless by position: a change at or below what was sent is dropped (a
 * replay and the live topic may both bring it), the next one is sent, and one further ahead means
 * changes were missed (published before this replica read the topic, or lost on the way): they are read
 * from the database, which holds every change before its event is published, and sent first.
 *
 * <p>Threading: its state is touched only on the Vert.x context the stream was opened on (the request's
 * own, which also owns the connection), so it needs no lock; other threads hand it work through
 * {@link Context#runOnContext}.
 */
public final class LiveStream {

    /** Why a stream ended, as the metrics count it. */
    public enum CloseReason { CLIENT, TOKEN_EXPIRED, TOO_SLOW, SHUTDOWN, ERROR }

    private static final Logger LOG = Logger.getLogger(LiveStream.class);
    /** The changes after which the listener may no longer see the playlist: made private, or they left it. */
    private static final List<String> MAY_HIDE = List.of(PlaylistChangeLog.UPDATE, PlaylistChangeLog.LEAVE);

    private final LiveStreams owner;
    private final String userId;
    private final List<UUID> playlists;
    private final Context context;
    private final StreamSink sink;
    /** What the stream has sent: the listener's notification sequence and each playlist's version. */
    private long sequence;
    private final long[] versions;
    /** False once a playlist is deleted or hidden from the listener: its changes are no longer sent. */
    private final boolean[] watching;
    private final Deque<Supplier<Uni<Void>>> tasks = new ArrayDeque<>();
    private boolean running;
    private volatile boolean closed;
    private long heartbeatTimer = -1;
    private long expiryTimer = -1;

    LiveStream(LiveStreams owner, String userId, List<UUID> playlists, StreamPosition from, Context context, StreamSink sink) {
        this.owner = owner;
        this.userId = userId;
        this.playlists = List.copyOf(playlists);
        this.context = context;
        this.sink = sink;
        this.sequence = from.sequence();
        this.versions = from.versions().stream().mapToLong(Long::longValue).toArray();
        this.watching = new boolean[playlists.size()];
        Arrays.fill(watching, true);
    }

    public String userId() {
        return userId;
    }

    public List<UUID> playlists() {
        return playlists;
    }

    /** Where the stream stands: the id of the last event it sent. */
    public StreamPosition position() {
        List<Long> current = new ArrayList<>(versions.length);
        for (long version : versions) {
            current.add(version);
        }
        return new StreamPosition(sequence, current);
    }

    /**
     * Begins, once registered: the ready event (when the client gave no position), then everything after
     * the start position that the database holds, then live changes as they come.
     *
     * @param unreadCount for the ready event; null when the client resumes, which gets no ready event
     * @param current     the positions read when the stream opened: a playlist whose changes since the
     *                    client's version are no longer all kept is resynced up to here
     * @param expiresAt   when the listener's token expires: the stream ends then; null when the token says not
     */
    void start(Long unreadCount, StreamPosition current, Instant expiresAt) {
        sink.onClose(() -> context.runOnContext(ignored -> close(CloseReason.CLIENT)));
        context.runOnContext(ignored -> {
            if (closed) {
                return;
            }
            // Vert.x runs a timer on the context that set it: the stream's own.
            if (expiresAt != null) {
                long untilExpiry = Math.max(1, expiresAt.toEpochMilli() - System.currentTimeMillis());
                expiryTimer = owner.vertx().setTimer(untilExpiry, id -> close(CloseReason.TOKEN_EXPIRED));
            }
            heartbeatTimer = owner.vertx().setPeriodic(owner.heartbeat().toMillis(), id -> heartbeat());
        });
        if (unreadCount != null) {
            enqueue(() -> send(new StreamEvent.Ready(position().id(), unreadCount, readyPlaylists()), null));
        }
        enqueue(() -> catchUp(current));
    }

    /** A live change to the listener's notifications (any thread). */
    void offerNotification(NotificationService.Notification notification, Instant occurredAt) {
        enqueue(() -> notificationChanged(notification, occurredAt));
    }

    /** A live change to one of the watched playlists (any thread). */
    void offerPlaylistChange(UUID playlistId, PlaylistChange change, Instant occurredAt) {
        int index = playlists.indexOf(playlistId);
        if (index >= 0) {
            enqueue(() -> playlistChanged(index, change, occurredAt));
        }
    }

    /** Reads what the database holds past the stream's position (any thread): changes this replica may have missed. */
    void offerCatchUp() {
        enqueue(() -> catchUp(null));
    }

    /** Ends the stream from outside (any thread): the service is stopping. */
    void shutdown() {
        context.runOnContext(ignored -> close(CloseReason.SHUTDOWN));
    }

    private void enqueue(Supplier<Uni<Void>> task) {
        context.runOnContext(ignored -> {
            if (closed) {
                return;
            }
            if (tasks.size() >= owner.maxPending()) {
                // Writing falls behind what comes: the client resumes from the database when it reconnects.
                LOG.debugf("Closing a stream of %s: %d events wait to be written", userId, tasks.size());
                close(CloseReason.TOO_SLOW);
                return;
            }
            tasks.addLast(task);
            pump();
        });
    }

    private void pump() {
        if (running || closed) {
            return;
        }
        Supplier<Uni<Void>> task = tasks.pollFirst();
        if (task == null) {
            return;
        }
        running = true;
        Uni.createFrom().deferred(task::get).subscribe().with(
                done -> context.runOnContext(ignored -> {
                    running = false;
                    pump();
                }),
                failure -> context.runOnContext(ignored -> {
                    // The database failed a replay: end the stream rather than leave a gap; the client
                    // reconnects with its last id and resumes once the database answers.
                    LOG.warnf("Closing a stream of %s: %s", userId, failure.toString());
                    running = false;
                    close(CloseReason.ERROR);
                }));
    }

    private void heartbeat() {
        context.runOnContext(ignored -> {
            // A busy stream is writing anyway, or waiting for the database: no need to add to it.
            if (!closed && !running && tasks.isEmpty()) {
                enqueue(() -> send(new StreamEvent.Heartbeat(), null));
            }
        });
    }

    private Uni<Void> catchUp(StreamPosition current) {
        Uni<Void> all = replayNotifications();
        for (int i = 0; i < playlists.size(); i++) {
            int index = i;
            all = all.chain(() -> replayPlaylist(index)).chain(() -> {
                if (current != null && watching[index] && versions[index] < current.versions().get(index)) {
                    // Nothing is kept between the client's version and the current one.
                    return resync(index, current.versions().get(index), StreamEvent.ResyncReason.CHANGES_NOT_KEPT);
                }
                return done();
            });
        }
        return all;
    }

    /** @param notification as it stands after its change number {@code notification.sequence()} */
    private Uni<Void> notificationChanged(NotificationService.Notification notification, Instant occurredAt) {
        long changeSequence = notification.sequence();
        if (changeSequence <= sequence) {
            return done();
        }
        if (changeSequence == sequence + 1) {
            return sendNotification(notification, occurredAt);
        }
        return replayNotifications().chain(() -> changeSequence > sequence ? sendNotification(notification, occurredAt) : done());
    }

    /** The listener's notifications changed after the stream's sequence, page after page. */
    private Uni<Void> replayNotifications() {
        int page = owner.replayPage();
        return Uni.createFrom().deferred(() -> owner.notifications().since(userId, sequence, page))
                .chain(changed -> inOrder(changed, n -> n.sequence() > sequence ? sendNotification(n, null) : done())
                        .chain(() -> changed.size() == page && !closed ? replayNotifications() : done()));
    }

    private Uni<Void> sendNotification(NotificationService.Notification notification, Instant occurredAt) {
        sequence = notification.sequence();
        return send(new StreamEvent.NotificationChanged(position().id(), notification.sequence(), notification), occurredAt);
    }

    private Uni<Void> playlistChanged(int index, PlaylistChange change, Instant occurredAt) {
        long version = change.version();
        if (!watching[index] || version <= versions[index]) {
            return done();
        }
        if (version == versions[index] + 1) {
            return deliver(index, change, occurredAt);
        }
        return replayPlaylist(index).chain(() -> {
            if (!watching[index] || version <= versions[index]) {
                return done();
            }
            if (version == versions[index] + 1 || change.change().equals(PlaylistChangeLog.DELETE)) {
                // A deletion makes whatever came before it moot.
                return deliver(index, change, occurredAt);
            }
            // The changes in between are not kept: the client reads the playlist again.
            return resync(index, version, StreamEvent.ResyncReason.CHANGES_NOT_KEPT);
        });
    }

    /** The playlist's changes after the stream's version, page after page; a resync where the first ones are no longer kept. */
    private Uni<Void> replayPlaylist(int index) {
        int page = owner.replayPage();
        UUID playlist = playlists.get(index);
        return Uni.createFrom().deferred(() -> watching[index] ? owner.changeLog().since(playlist, versions[index], page)
                        : Uni.createFrom().item(List.<PlaylistChange>of()))
                .chain(changes -> {
                    if (changes.isEmpty()) {
                        return done();
                    }
                    long first = changes.getFirst().version();
                    Uni<Void> gap = first == versions[index] + 1 ? done()
                            : resync(index, first - 1, StreamEvent.ResyncReason.CHANGES_NOT_KEPT);
                    return gap.chain(() -> inOrder(changes, change -> watching[index] && change.version() > versions[index]
                                    ? deliver(index, change, null) : done()))
                            .chain(() -> changes.size() == page && watching[index] && !closed ? replayPlaylist(index) : done());
                });
    }

    /** Sends one playlist change, unless the listener may no longer see the playlist after it. */
    private Uni<Void> deliver(int index, PlaylistChange change, Instant occurredAt) {
        UUID playlist = playlists.get(index);
        if (change.change().equals(PlaylistChangeLog.DELETE)) {
            versions[index] = change.version();
            watching[index] = false;
            return send(new StreamEvent.PlaylistChanged(position().id(), playlist, change), occurredAt);
        }
        if (!MAY_HIDE.contains(change.change())) {
            versions[index] = change.version();
            return send(new StreamEvent.PlaylistChanged(position().id(), playlist, change), occurredAt);
        }
        // Asked now, not when the stream opened: the owner may have just made it private, or the listener
        // left it. The answer may come on another stream's context (it is shared): back to this one.
        return owner.maySee(playlist, change.version(), userId)
                .emitOn(command -> context.runOnContext(ignored -> command.run()))
                .chain(visible -> {
                    if (!visible) {
                        return resync(index, change.version(), StreamEvent.ResyncReason.NOT_VISIBLE);
                    }
                    versions[index] = change.version();
                    return send(new StreamEvent.PlaylistChanged(position().id(), playlist, change), occurredAt);
                });
    }

    private Uni<Void> resync(int index, long version, StreamEvent.ResyncReason reason) {
        versions[index] = Math.max(versions[index], version);
        if (reason == StreamEvent.ResyncReason.NOT_VISIBLE) {
            watching[index] = false;
        }
        return send(new StreamEvent.Resync(position().id(), playlists.get(index), versions[index], reason), null);
    }

    private List<StreamEvent.PlaylistVersion> readyPlaylists() {
        List<StreamEvent.PlaylistVersion> ready = new ArrayList<>(playlists.size());
        for (int i = 0; i < playlists.size(); i++) {
            ready.add(new StreamEvent.PlaylistVersion(playlists.get(i), versions[i]));
        }
        return ready;
    }

    /**
     * Writes one event and completes once the connection has taken it, so that the next is written
     * after it: events go out one by one, never buffered behind each other in the service.
     *
     * @param occurredAt when the change was committed, for a change that came live; null otherwise
     */
    private Uni<Void> send(StreamEvent event, Instant occurredAt) {
        if (closed) {
            return done();
        }
        CompletionStage<?> written;
        try {
            written = sink.send(event);
        } catch (RuntimeException gone) {
            // The client went away before the close callback reached the stream.
            close(CloseReason.CLIENT);
            return done();
        }
        owner.metrics().sent(event, occurredAt);
        return Uni.createFrom().completionStage(written).replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    context.runOnContext(ignored -> close(CloseReason.CLIENT));
                    return done();
                });
    }

    /** Ends the stream once: off the registry, timers cancelled, the response ended. On the stream's context. */
    private void close(CloseReason reason) {
        if (closed) {
            return;
        }
        closed = true;
        tasks.clear();
        owner.vertx().cancelTimer(heartbeatTimer);
        owner.vertx().cancelTimer(expiryTimer);
        owner.release(this, reason);
        sink.close();
    }

    private static <T> Uni<Void> inOrder(List<T> items, Function<T, Uni<Void>> each) {
        if (items.isEmpty()) {
            return done();
        }
        return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(each::apply).collect().last().replaceWithVoid();
    }

    private static Uni<Void> done() {
        return Uni.createFrom().voidItem();
    }
}
