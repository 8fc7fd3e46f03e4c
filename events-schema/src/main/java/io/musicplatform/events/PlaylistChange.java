package io.musicplatform.events;

import java.util.List;
import java.util.UUID;

/**
 * One change to a playlist, enough for a client showing it to apply the change without reading the
 * playlist again; a client that missed a version reads the playlist instead.
 *
 * @param version     the playlist's version after the change (it grows by one per change)
 * @param change      add, remove, move, update (name, description or visibility), join and leave (a
 *                    collaborator), or delete (the playlist is gone)
 * @param byUserId    who made it (the OIDC subject)
 * @param byName      their display name; null when unknown
 * @param entryIds    add: the new entries; remove and move: the entry; empty otherwise
 * @param trackIds    add and remove: the entries' tracks, in the order of {@code entryIds}; empty otherwise
 * @param index       add and move: the 0-based index the first entry now has; null otherwise
 * @param name        update: the playlist's name after it; null otherwise
 */
public record PlaylistChange(
        long version,
        String change,
        String byUserId,
        String byName,
        List<UUID> entryIds,
        List<UUID> trackIds,
        Integer index,
        String name) {

    public PlaylistChange {
        Required.atLeast(1, version, "PlaylistChange", "version");
        Required.nonEmpty(change, "PlaylistChange", "change");
        Required.nonEmpty(byUserId, "PlaylistChange", "byUserId");
        entryIds = Required.listOrEmpty(entryIds);
        trackIds = Required.listOrEmpty(trackIds);
        Required.nullOrAtLeast(0, index, "PlaylistChange", "index");
    }
}
