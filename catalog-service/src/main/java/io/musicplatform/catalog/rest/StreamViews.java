package io.musicplatform.catalog.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** The data of the live stream's events, one JSON object per event. */
public final class StreamViews {

    private StreamViews() {
    }

    /** {@code event: ready}: where a stream opened without Last-Event-ID starts. */
    @Schema(name = "StreamReady")
    public record ReadyData(@Schema(description = "How many of your notifications are unread", examples = "3") long unreadCount,
                            @Schema(description = "The watched playlists' versions, in the order of the request") List<PlaylistPosition> playlists) {
    }

    @Schema(name = "StreamPlaylistPosition")
    public record PlaylistPosition(UUID id, @Schema(examples = "12") long version) {
    }

    /** {@code event: notification}: a notification as GET /me/notifications lists it, after its change number {@code sequence}. */
    @Schema(name = "StreamNotification")
    public record NotificationData(
            @Schema(description = "Your number of this change; the first number of the event's id", examples = "17") long sequence,
            @JsonUnwrapped SubscriptionViews.NotificationView notification) {
    }

    /** {@code event: playlist}: one change to a watched playlist, enough to apply it to the version before. */
    @Schema(name = "StreamPlaylistChange")
    public record PlaylistChangeData(
            UUID playlistId,
            @Schema(description = "The playlist's version after the change: apply it to version - 1, ignore it at or below"
                    + " the version you hold, read the playlist again above", examples = "13") long version,
            @Schema(examples = "add", enumeration = {"add", "remove", "move", "update", "join", "leave", "delete"}) String change,
            @Schema(description = "Who made it (their user id)") String byUserId,
            @Schema(nullable = true, examples = "listener") String byName,
            @Schema(description = "add: the new entries; remove and move: the entry") List<UUID> entryIds,
            @Schema(description = "add and remove: the entries' tracks, in the order of entryIds") List<UUID> trackIds,
            @Schema(nullable = true, description = "add and move: the 0-based index the first entry now has", examples = "4") Integer index,
            @Schema(nullable = true, description = "update: the playlist's name after it", examples = "Dimanche soir") String name) {
    }

    /** {@code event: resync}: the stream cannot give a playlist's changes one by one up to {@code version}: read it again. */
    @Schema(name = "StreamResync")
    public record ResyncData(
            UUID playlistId,
            @Schema(examples = "20") long version,
            @Schema(description = "changes-not-kept: the changes in between are no longer kept (or it was deleted), read the"
                    + " playlist again; not-visible: you may no longer see it (made private, or you left it), reading it"
                    + " answers 404 and no more of its changes come", enumeration = {"changes-not-kept", "not-visible"})
            String reason) {
    }
}
