package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.entity.Playlist;
import io.musicplatform.catalog.service.PlaylistService;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the playlist API reads and answers. */
public final class PlaylistViews {

    private PlaylistViews() {
    }

    /** A playlist as its caller sees it; {@code version} is also its ETag, to send back in If-Match with a change. */
    @Schema(name = "Playlist")
    public record PlaylistView(
            UUID id,
            @Schema(examples = "Dimanche matin") String name,
            @Schema(nullable = true, examples = "Calme, café, chanson") String description,
            @Schema(examples = "PRIVATE") Playlist.Visibility visibility,
            UserRef owner,
            @Schema(description = "How many listeners besides the owner may edit it", examples = "2") int collaborators,
            @Schema(description = "What you are to this playlist", examples = "OWNER") PlaylistService.Role yourRole,
            @Schema(examples = "42") int trackCount,
            @Schema(description = "Grows by one with every change; send it back in If-Match", examples = "7") long version,
            Instant createdAt,
            Instant updatedAt) {
    }

    /** A listener, by the token's {@code sub} and, for display, the name they had then. */
    @Schema(name = "UserRef")
    public record UserRef(@Schema(examples = "0b9f6c1e-4c62-4cc5-9d0b-8f6d8f3d2a11") String id,
                          @Schema(nullable = true, examples = "listener") String name) {
    }

    /** One entry of a playlist: a track at a place, added by someone. The same track may appear twice, as two entries. */
    @Schema(name = "PlaylistEntry")
    public record EntryView(
            @Schema(description = "The entry's id, to move or remove it") UUID id,
            UUID trackId,
            @Schema(description = "False when the track was taken down or is not in the catalog (yet)") boolean playable,
            @Schema(nullable = true, description = "The track; null while the catalog does not know it") TrackView track,
            UserRef addedBy,
            Instant addedAt) {
    }

    @Schema(name = "NewPlaylist")
    public record NewPlaylist(
            @NotBlank @Size(max = 200) @Schema(examples = "Dimanche matin") String name,
            @Size(max = 2000) @Schema(nullable = true, examples = "Calme, café, chanson") String description,
            @Schema(description = "PRIVATE (the default) or PUBLIC", nullable = true) Playlist.Visibility visibility) {
    }

    /** Only the fields given change; an empty description removes it; only the owner changes the visibility. */
    @Schema(name = "PlaylistChanges")
    public record PlaylistChanges(
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Schema(nullable = true) String name,
            @Size(max = 2000) @Schema(nullable = true) String description,
            @Schema(nullable = true) Playlist.Visibility visibility) {
    }

    @Schema(name = "AddTracks")
    public record AddTracks(
            @NotNull @Size(min = 1, max = 100) @Schema(description = "Tracks of the catalog, in the order to add them")
            List<@NotNull UUID> trackIds,
            @Min(0) @Schema(nullable = true, description = "Where to insert them (0 is the start); the end when absent", examples = "0")
            Integer index) {
    }

    @Schema(name = "MoveEntry")
    public record MoveEntry(
            @NotNull @Min(0) @Schema(description = "The index (from 0) the entry is to have once moved", examples = "0") Integer index) {
    }

    /** A share link; its token appears only in the answer that made it. */
    @Schema(name = "Invitation")
    public record InvitationView(
            UUID id,
            @Schema(nullable = true, description = "Give it to the listener you invite; shown once") String token,
            @Schema(description = "Where the invited listener POSTs {\"invitation\": token}", examples = "/api/catalog/playlists/6f1c0e4e-8f55-4c1e-9d2a-1b8e7f6c5d4a/collaborators")
            String redeemAt,
            Instant createdAt,
            Instant expiresAt) {
    }

    @Schema(name = "JoinPlaylist")
    public record JoinPlaylist(@NotBlank @Size(max = 200) @Schema(description = "The token of the share link") String invitation) {
    }

    @Schema(name = "Collaborator")
    public record CollaboratorView(String userId, @Schema(nullable = true) String name, Instant joinedAt) {
    }
}
