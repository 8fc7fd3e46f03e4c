package io.musicplatform.catalog.service;

import io.musicplatform.events.PlaylistChange;

import java.util.List;
import java.util.UUID;

/**
 * What a listener's stream carries, in the order it is written. Every event but the heartbeat has the
 * stream's position after it as its {@code id} ({@link StreamPosition#id()}).
 */
public sealed interface StreamEvent {

    /** The first event of a stream opened without {@code Last-Event-ID}: where it starts from. */
    record Ready(String id, long unreadCount, List<PlaylistVersion> playlists) implements StreamEvent {
    }

    /** A watched playlist's version when the stream opened. */
    record PlaylistVersion(UUID id, long version) {
    }

    /** A notification made or changed, as it stands after its change number {@code sequence}. */
    record NotificationChanged(String id, long sequence, NotificationService.Notification notification) implements StreamEvent {
    }

    /** One change to a watched playlist. */
    record PlaylistChanged(String id, UUID playlistId, PlaylistChange change) implements StreamEvent {
    }

    /**
     * The stream cannot give the playlist's changes up to {@code version} one by one: the client reads
     * the playlist again. {@code reason} says why.
     */
    record Resync(String id, UUID playlistId, long version, ResyncReason reason) implements StreamEvent {
    }

    /** Why a stream asks its client to read a playlist again. */
    enum ResyncReason {
        /** The changes since the client's version are no longer kept (or the playlist was deleted meanwhile). */
        CHANGES_NOT_KEPT,
        /** The listener may no longer see the playlist (made private, or they left it): reading it answers 404, and no more of its changes come. */
        NOT_VISIBLE
    }

    /** A comment line that keeps an idle connection open; no id, the client ignores it. */
    record Heartbeat() implements StreamEvent {
    }

    /** The name of the event's type, as the stream and the metrics call it. */
    default String type() {
        return switch (this) {
            case Ready ignored -> "ready";
            case NotificationChanged ignored -> "notification";
            case PlaylistChanged ignored -> "playlist";
            case Resync ignored -> "resync";
            case Heartbeat ignored -> "heartbeat";
        };
    }
}
