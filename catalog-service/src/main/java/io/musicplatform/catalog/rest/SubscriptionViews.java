package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.service.NotificationService;
import io.musicplatform.catalog.service.SubscriptionService;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the subscription, notification and feed API reads and answers. */
public final class SubscriptionViews {

    private SubscriptionViews() {
    }

    /** An artist or a genre the caller follows. */
    @Schema(name = "Subscription")
    public record SubscriptionView(
            @Schema(examples = "ARTIST") SubscriptionService.Kind kind,
            @Schema(description = "The artist's id, or the genre in lower case", examples = "5f0d5bd6-3e5c-3c5e-9c0e-0a7c0b7f1d2e")
            String id,
            @Schema(description = "The artist's name, or the genre as you first wrote it", examples = "Mylène Farmer") String name,
            Instant subscribedAt) {
    }

    /** What matched a notification: the artist or genre followed. */
    @Schema(name = "NotificationMatch")
    public record MatchView(@Schema(examples = "GENRE") SubscriptionService.Kind kind,
                            @Schema(examples = "chanson") String id,
                            @Schema(examples = "Chanson") String name) {
    }

    @Schema(name = "NotifiedAlbum")
    public record AlbumRef(UUID id, @Schema(examples = "Debout les yeux ouverts") String title) {
    }

    @Schema(name = "NotifiedTrack")
    public record TrackRef(UUID id, @Schema(examples = "Tout le bonheur du monde") String title) {
    }

    @Schema(name = "NotifiedPlaylist")
    public record PlaylistRef(UUID id, @Schema(examples = "Road trip") String name) {
    }

    /**
     * New tracks of an artist or genre the caller follows (kind new-release; the tracks of one album
     * share one notification), or changes that others made to a playlist the caller owns or edits
     * (kind playlist-change; the changes of one playlist within a window share one).
     */
    @Schema(name = "Notification")
    public record NotificationView(
            UUID id,
            @Schema(examples = "new-release", enumeration = {"new-release", "playlist-change"}) String kind,
            Instant createdAt,
            @Schema(description = "When it last changed: a track joined it, or another playlist change") Instant updatedAt,
            boolean read,
            @Schema(nullable = true, description = "new-release: the subscription that matched") MatchView matched,
            @Schema(nullable = true, description = "new-release: the tracks' album; null for a track without one") AlbumRef album,
            @Schema(description = "new-release: the new tracks, in the order they became available; empty otherwise") List<TrackRef> tracks,
            @Schema(nullable = true, description = "playlist-change: the playlist") PlaylistRef playlist,
            @Schema(nullable = true, description = "playlist-change: who made the last change", examples = "Amélie") String changedBy,
            @Schema(nullable = true, description = "playlist-change: how many changes it gathers", examples = "3") Integer changes) {
    }

    /** A page of notifications, with how many of all the caller's notifications are unread. */
    @Schema(name = "NotificationPage")
    public record NotificationPage(List<NotificationView> items,
                                   @Schema(nullable = true, description = "Opaque; pass it back as ?cursor= for the next page")
                                   String nextCursor,
                                   @Schema(examples = "3") long unreadCount) {
    }

    @Schema(name = "MarkNotificationsRead")
    public record MarkRead(@NotNull @Pattern(regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
            message = "must be the id of one of your notifications")
                           @Schema(description = "The newest notification to mark read; it and every older one are marked",
                                   examples = "3f1c2d9e-8b7a-4c6d-9e0f-1a2b3c4d5e6f") String upTo) {
    }

    static SubscriptionView view(SubscriptionService.Subscription subscription) {
        return new SubscriptionView(subscription.kind(), subscription.id(), subscription.name(), subscription.subscribedAt());
    }

    static NotificationView view(NotificationService.Notification n) {
        return new NotificationView(n.id(), n.kind(), n.createdAt(), n.updatedAt(), n.read(),
                n.matchedKind() == null ? null : new MatchView(n.matchedKind(), n.matchedId(), n.matchedName()),
                n.albumId() == null ? null : new AlbumRef(n.albumId(), n.albumTitle()),
                n.tracks().stream().map(t -> new TrackRef(t.id(), t.title())).toList(),
                n.playlistId() == null ? null : new PlaylistRef(n.playlistId(), n.playlistName()),
                n.changedBy(), n.changes());
    }
}
