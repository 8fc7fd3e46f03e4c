package io.musicplatform.catalog.mapping;

import io.musicplatform.catalog.entity.PlaylistEntry;
import io.musicplatform.catalog.entity.PlaylistInvitation;
import io.musicplatform.catalog.rest.PlaylistViews;
import io.musicplatform.catalog.rest.TrackView;
import io.musicplatform.catalog.service.PlaylistService;

import java.util.Map;

/** Playlists, entries and share links to the API's views. */
public final class PlaylistMapper {

    private PlaylistMapper() {
    }

    public static PlaylistViews.PlaylistView view(PlaylistService.Seen seen) {
        var playlist = seen.playlist();
        return new PlaylistViews.PlaylistView(playlist.id, playlist.name, playlist.description, playlist.visibility,
                new PlaylistViews.UserRef(playlist.ownerId, playlist.ownerName), seen.collaborators(), seen.role(),
                playlist.trackCount, playlist.version, playlist.createdAt, playlist.updatedAt);
    }

    /** An entry with its track's view when the catalog has it, and whether it plays now. */
    public static PlaylistViews.EntryView view(PlaylistEntry entry, TrackView track, boolean playable, Map<String, String> names) {
        return new PlaylistViews.EntryView(entry.id, entry.trackId, playable, track,
                new PlaylistViews.UserRef(entry.addedBy, names.get(entry.addedBy)), entry.addedAt);
    }

    public static PlaylistViews.InvitationView view(PlaylistInvitation invitation, String token) {
        return new PlaylistViews.InvitationView(invitation.id, token,
                "/api/catalog/playlists/" + invitation.playlistId + "/collaborators", invitation.createdAt, invitation.expiresAt);
    }

    public static PlaylistViews.CollaboratorView view(PlaylistService.Collaborator collaborator) {
        return new PlaylistViews.CollaboratorView(collaborator.userId(), collaborator.name(), collaborator.joinedAt());
    }
}
