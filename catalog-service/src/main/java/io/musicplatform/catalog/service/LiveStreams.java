package io.musicplatform.catalog.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.catalog.config.CatalogConfig;
import io.musicplatform.events.PlaylistChange;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live updates: the listeners' streams open on this replica, and the changes to push to them. Each
 * replica reads every change from the topic and hands it to its own streams of that listener or that
 * playlist; no replica knows another's streams. Knows nothing of HTTP or Kafka: the REST layer opens
 * streams with a {@link StreamSink}, the topic's consumer hands changes in.
 */
@ApplicationScoped
public class LiveStreams {

    /**
     * What a client asks for.
     *
     * @param userId      the listener (the token's subject)
     * @param playlists   the playlists to watch, in the order that the event ids follow
     * @param lastEventId the id of the last event the client read, when it resumes
     * @param expiresAt   when the listener's token expires: the stream ends then; null when the token has no expiry
     */
    public record Request(String userId, List<UUID> playlists, Optional<String> lastEventId, Instant expiresAt) {
    }

    /** How long an answer of {@link #maySee} is shared: the streams of one change ask within moments of each other. */
    private static final Duration AUDIENCE_MEMORY = Duration.ofSeconds(30);

    private final NotificationService notifications;
    private final PlaylistChangeLog changeLog;
    private final PlaylistService playlistService;
    private final CatalogConfig.Stream config;
    private final Vertx vertx;
    private final StreamMetrics metrics;
    private final Map<String, Set<LiveStream>> byUser = new ConcurrentHashMap<>();
    private final Map<UUID, Set<LiveStream>> byPlaylist = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Map<Audience, Uni<Boolean>> audience = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /** Whether a listener may see a playlist, asked after the change that made its version. */
    private record Audience(UUID playlist, long version, String userId) {
    }

    public LiveStreams(NotificationService notifications, PlaylistChangeLog changeLog, PlaylistService playlistService,
                       CatalogConfig config, Vertx vertx, MeterRegistry registry) {
        this.notifications = notifications;
        this.changeLog = changeLog;
        this.playlistService = playlistService;
        this.config = config.stream();
        this.vertx = vertx;
        this.metrics = new StreamMetrics(registry, open::get);
        if (this.config.heartbeat().isNegative() || this.config.heartbeat().isZero()) {
            throw new IllegalArgumentException("music.catalog.stream.heartbeat must be positive, not " + this.config.heartbeat());
        }
        if (this.config.replayPage() < 1 || this.config.maxPending() < 1 || this.config.maxPerUser() < 1) {
            throw new IllegalArgumentException("music.catalog.stream.replay-page, max-pending and max-per-user must be at least 1");
        }
    }

    /**
     * Opens a stream, on the caller's Vert.x context (which owns the client's connection): checks that
     * the listener may see every playlist (404 otherwise) and the client's position, registers the
     * stream, and only then reads the database for what came after that position, so that a change
     * committed meanwhile is either read there or arrives live. Fails before anything is written, so
     * that the refusal can still be an HTTP answer.
     *
     * @throws PlaylistException.NotFound        for a playlist the listener may not see
     * @throws StreamException.BadPosition       for a malformed or impossible {@code lastEventId}
     * @throws StreamException.TooManyStreams    when the listener has the most streams open here already
     * @throws StreamException.Stopping          when this replica is stopping
     */
    public Uni<LiveStream> open(Request request, StreamSink sink) {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("A stream opens on the Vert.x context of its request");
        }
        if (stopping) {
            throw new StreamException.Stopping();
        }
        Optional<StreamPosition> resume = request.lastEventId().map(id -> StreamPosition.parse(id, request.playlists().size()));
        if (new HashSet<>(request.playlists()).size() != request.playlists().size()) {
            throw new IllegalArgumentException("A stream watches each playlist once");
        }
        return current(request)
                .chain(current -> {
                    if (resume.isPresent() && resume.get().isAheadOf(current)) {
                        throw new StreamException.BadPosition("Last-Event-ID '" + request.lastEventId().orElseThrow()
                                + "' is ahead of this stream, which stands at " + current.id()
                                + ": it is not the id of an event of this stream. Reconnect without it to start from now.");
                    }
                    Uni<Long> unread = resume.isPresent() ? Uni.createFrom().nullItem() : notifications.unreadCount(request.userId());
                    return unread.map(unreadCount -> {
                        LiveStream stream = new LiveStream(this, request.userId(), request.playlists(), resume.orElse(current),
                                context, sink);
                        register(stream);
                        stream.start(unreadCount, current, request.expiresAt());
                        return stream;
                    });
                });
    }

    /**
     * Whether a stream on this replica may want a change with this record key (a listener's id or a
     * playlist's): most changes are for listeners connected elsewhere, and are not worth decoding here.
     */
    public boolean wants(String key) {
        if (key == null || byUser.containsKey(key)) {
            return key != null;
        }
        try {
            return byPlaylist.containsKey(UUID.fromString(key));
        } catch (IllegalArgumentException notAPlaylist) {
            return false;
        }
    }

    /** A change to a listener's notifications, for their streams on this replica. */
    public void notificationChanged(String userId, NotificationService.Notification notification, Instant occurredAt) {
        Set<LiveStream> streams = byUser.get(userId);
        if (streams != null) {
            streams.forEach(stream -> stream.offerNotification(notification, occurredAt));
        }
    }

    /** A change to a playlist, for the streams on this replica that watch it. */
    public void playlistChanged(UUID playlistId, PlaylistChange change, Instant occurredAt) {
        Set<LiveStream> streams = byPlaylist.get(playlistId);
        if (streams != null) {
            streams.forEach(stream -> stream.offerPlaylistChange(playlistId, change, occurredAt));
        }
    }

    /**
     * Every stream reads the database past its position: this replica has just started reading the
     * topic (again), and a change published before that was never delivered to it.
     */
    public void catchUp() {
        byUser.values().forEach(streams -> streams.forEach(LiveStream::offerCatchUp));
    }

    /**
     * Whether the listener may see the playlist now, after the change that made {@code version}. One
     * read per change and listener, however many of their streams ask: a rename reaches every stream
     * watching the playlist, and the read is the playlist service's own rule, not a copy of it (on the
     * reactive client: this is asked from the Kafka listener, where no Hibernate session can be opened).
     */
    Uni<Boolean> maySee(UUID playlist, long version, String userId) {
        Audience key = new Audience(playlist, version, userId);
        return audience.computeIfAbsent(key, asked -> {
            vertx.setTimer(AUDIENCE_MEMORY.toMillis(), id -> audience.remove(asked));
            return playlistService.maySee(playlist, userId)
                    // A failed read is not remembered: the next stream to ask reads again.
                    .onFailure().invoke(() -> audience.remove(asked))
                    .memoize().indefinitely();
        });
    }

    /** How many streams are open on this replica. */
    public int openStreams() {
        return open.get();
    }

    /**
     * Ends every stream as soon as the replica starts stopping (application.properties enables this
     * event), before Quarkus waits for open requests to finish: a stream never finishes by itself, so
     * it would hold the stop for the whole shutdown timeout. Ended cleanly, the clients reconnect at
     * once, to a replica that still runs; streams asked for from now on are refused with 503.
     */
    void onStopping(@Observes ShutdownDelayInitiatedEvent stopping) {
        endAll();
    }

    /** The same where the early event is not fired. */
    void onStop(@Observes ShutdownEvent stop) {
        endAll();
    }

    private void endAll() {
        stopping = true;
        byUser.values().forEach(streams -> streams.forEach(LiveStream::shutdown));
    }

    /** The listener's current notification sequence and the current version of each playlist, which must be visible to them. */
    private Uni<StreamPosition> current(Request request) {
        Uni<List<Long>> versions = request.playlists().isEmpty() ? Uni.createFrom().item(List.of())
                : Multi.createFrom().iterable(request.playlists())
                        .onItem().transformToUniAndConcatenate(id -> playlistService.read(id, request.userId()))
                        .map(seen -> seen.playlist().version)
                        .collect().asList();
        return versions.chain(found -> notifications.currentSequence(request.userId())
                .map(sequence -> new StreamPosition(sequence, found)));
    }

    private void register(LiveStream stream) {
        byUser.compute(stream.userId(), (user, streams) -> {
            Set<LiveStream> mine = streams == null ? ConcurrentHashMap.newKeySet() : streams;
            if (mine.size() >= config.maxPerUser()) {
                metrics.refused();
                throw new StreamException.TooManyStreams(mine.size(), config.heartbeat());
            }
            mine.add(stream);
            return mine;
        });
        for (UUID playlist : stream.playlists()) {
            byPlaylist.compute(playlist, (id, streams) -> {
                Set<LiveStream> watching = streams == null ? ConcurrentHashMap.newKeySet() : streams;
                watching.add(stream);
                return watching;
            });
        }
        open.incrementAndGet();
    }

    /** Takes a stream off the registry; called once per stream, when it closes. */
    void release(LiveStream stream, LiveStream.CloseReason reason) {
        byUser.computeIfPresent(stream.userId(), (user, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
        for (UUID playlist : stream.playlists()) {
            byPlaylist.computeIfPresent(playlist, (id, streams) -> {
                streams.remove(stream);
                return streams.isEmpty() ? null : streams;
            });
        }
        open.decrementAndGet();
        metrics.closed(reason);
    }

    Vertx vertx() {
        return vertx;
    }

    NotificationService notifications() {
        return notifications;
    }

    PlaylistChangeLog changeLog() {
        return changeLog;
    }

    StreamMetrics metrics() {
        return metrics;
    }

    Duration heartbeat() {
        return config.heartbeat();
    }

    int replayPage() {
        return config.replayPage();
    }

    int maxPending() {
        return config.maxPending();
    }
}
