package io.musicplatform.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A change that listeners watch live, published by catalog-service on {@value Topics#CATALOG_CHANGES}:
 * a notification made or updated for one listener (key {@code userId}), or a change to a playlist
 * (key {@code playlistId}). Every catalog-service replica reads the whole topic to push these to the
 * listeners connected to it; third-party systems (mail, push) may consume it too.
 *
 * <p>Each change has a position that lets a reader find a gap and fill it from the catalog's API:
 * {@code sequence} grows by one with every change to one listener's notifications, a playlist's
 * {@code version} by one with every change to it.
 *
 * @param eventId      unique per change; a reader that has seen it ignores the record
 * @param occurredAt   when the change was committed
 * @param kind         which of the two the record carries
 * @param userId       NOTIFICATION: the listener it is for (the OIDC subject); the record key
 * @param sequence     NOTIFICATION: its position in the listener's changes, from 1
 * @param notification NOTIFICATION: the notification as it stands after the change
 * @param playlistId   PLAYLIST_CHANGED: the playlist; the record key
 * @param playlist     PLAYLIST_CHANGED: what changed, by whom, and the version it made
 */
public record CatalogChanged(
        UUID eventId,
        Instant occurredAt,
        Kind kind,
        String userId,
        Long sequence,
        CatalogNotification notification,
        String playlistId,
        PlaylistChange playlist) implements Event {

    /** What a {@link CatalogChanged} carries. */
    public enum Kind { NOTIFICATION, PLAYLIST_CHANGED }

    public CatalogChanged {
        Required.present(eventId, "CatalogChanged", "eventId");
        Required.present(occurredAt, "CatalogChanged", "occurredAt");
        Required.present(kind, "CatalogChanged", "kind");
        switch (kind) {
            case NOTIFICATION -> {
                Required.nonEmpty(userId, "CatalogChanged", "userId");
                Required.atLeast(1, Required.present(sequence, "CatalogChanged", "sequence"), "CatalogChanged", "sequence");
                Required.present(notification, "CatalogChanged", "notification");
            }
            case PLAYLIST_CHANGED -> {
                Required.nonEmpty(playlistId, "CatalogChanged", "playlistId");
                Required.present(playlist, "CatalogChanged", "playlist");
            }
        }
    }

    /** A notification made or updated for {@code userId}. */
    public static CatalogChanged notification(UUID eventId, Instant occurredAt, String userId, long sequence,
                                              CatalogNotification notification) {
        return new CatalogChanged(eventId, occurredAt, Kind.NOTIFICATION, userId, sequence, notification, null, null);
    }

    /** A change to playlist {@code playlistId}. */
    public static CatalogChanged playlistChanged(UUID eventId, Instant occurredAt, String playlistId, PlaylistChange change) {
        return new CatalogChanged(eventId, occurredAt, Kind.PLAYLIST_CHANGED, null, null, null, playlistId, change);
    }

    /** The listener for a notification, the playlist for a playlist change. */
    @Override
    public String key() {
        return kind == Kind.NOTIFICATION ? userId : playlistId;
    }
}
