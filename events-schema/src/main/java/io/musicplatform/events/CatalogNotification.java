package io.musicplatform.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A listener's notification as it stands after a change, the same fields as catalog-service's
 * {@code GET /api/catalog/me/notifications} answers.
 *
 * @param id        the notification's id (stable: a track joining its album's notification keeps it)
 * @param kind      {@code new-release} or {@code playlist-change}
 * @param createdAt when it was made
 * @param updatedAt when it last changed (a track joined it, another playlist change was folded in)
 * @param read      whether the listener has marked it read
 * @param matched   new-release: the artist or genre followed that matched; null otherwise
 * @param album     new-release: the album of the tracks; null for a track without an album, or otherwise
 * @param tracks    new-release: the new tracks in the order they became available; empty otherwise
 * @param playlist  playlist-change: the playlist; null otherwise
 * @param changedBy playlist-change: the display name of who made the last change; null otherwise
 * @param changes   playlist-change: how many changes it gathers; null otherwise
 */
public record CatalogNotification(
        UUID id,
        String kind,
        Instant createdAt,
        Instant updatedAt,
        boolean read,
        NotificationMatch matched,
        TitledItem album,
        List<TitledItem> tracks,
        PlaylistRef playlist,
        String changedBy,
        Integer changes) {

    public CatalogNotification {
        Required.present(id, "CatalogNotification", "id");
        Required.nonEmpty(kind, "CatalogNotification", "kind");
        Required.present(createdAt, "CatalogNotification", "createdAt");
        Required.present(updatedAt, "CatalogNotification", "updatedAt");
        tracks = Required.listOrEmpty(tracks);
        Required.nullOrAtLeast(1, changes, "CatalogNotification", "changes");
    }

    /** The subscription that matched: kind ARTIST (id: the artist's shared id) or GENRE (id: the genre in lower case). */
    public record NotificationMatch(String kind, String id, String name) {
        public NotificationMatch {
            Required.nonEmpty(kind, "NotificationMatch", "kind");
            Required.nonEmpty(id, "NotificationMatch", "id");
            Required.nonEmpty(name, "NotificationMatch", "name");
        }
    }

    /** An album or a track: its id and title. */
    public record TitledItem(UUID id, String title) {
        public TitledItem {
            Required.present(id, "TitledItem", "id");
            Required.nonEmpty(title, "TitledItem", "title");
        }
    }

    /** A playlist: its id and name. */
    public record PlaylistRef(UUID id, String name) {
        public PlaylistRef {
            Required.present(id, "PlaylistRef", "id");
            Required.nonEmpty(name, "PlaylistRef", "name");
        }
    }
}
