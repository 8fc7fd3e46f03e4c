package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.mapping.PlaylistMapper;
import io.musicplatform.catalog.service.PlaylistService;
import io.musicplatform.servicecore.api.Page;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/**
 * Collaborative playlists: the owner makes share links; a listener who redeems one becomes a
 * collaborator and may edit the playlist; the owner removes collaborators, a collaborator may leave.
 */
@Path("/playlists/{id}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Playlist sharing")
@APIResponse(responseCode = "401", description = "No valid access token")
@APIResponse(responseCode = "404", description = "No such playlist (or a private one of someone else), share link or collaborator")
public class PlaylistSharingResource {

    private final PlaylistService playlists;
    private final JsonWebToken token;

    public PlaylistSharingResource(PlaylistService playlists, JsonWebToken token) {
        this.playlists = playlists;
        this.token = token;
    }

    @POST
    @Path("/invitations")
    @Operation(operationId = "createPlaylistInvitation", summary = "Make a share link that lets whoever redeems it edit the playlist (owner)")
    @APIResponse(responseCode = "201", description = "The share link, with its token (shown this once)",
            content = @Content(schema = @Schema(implementation = PlaylistViews.InvitationView.class)))
    @APIResponse(responseCode = "403", description = "Only the owner shares a playlist")
    @APIResponse(responseCode = "422", description = "The playlist has as many live share links as it may")
    public Uni<Response> createPlaylistInvitation(@PathParam("id") UUID id) {
        return playlists.invite(id, PlaylistRequests.caller(token)).map(made -> Response
                .created(URI.create("playlists/" + id + "/invitations/" + made.invitation().id))
                .entity(PlaylistMapper.view(made.invitation(), made.token())).build());
    }

    @GET
    @Path("/invitations")
    @Operation(operationId = "listPlaylistInvitations", summary = "The playlist's live share links, without their tokens (owner)")
    @APIResponse(responseCode = "200", description = "Every live share link (a bounded list: nextCursor is null)")
    @APIResponse(responseCode = "403", description = "Only the owner sees the share links")
    public Uni<Page<PlaylistViews.InvitationView>> listPlaylistInvitations(@PathParam("id") UUID id) {
        return playlists.invitations(id, token.getSubject())
                .map(invitations -> Page.last(invitations.stream().map(invitation -> PlaylistMapper.view(invitation, null)).toList()));
    }

    @DELETE
    @Path("/invitations/{invitationId}")
    @Operation(operationId = "revokePlaylistInvitation", summary = "Revoke a share link; collaborators who joined through it stay (owner)")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "403", description = "Only the owner revokes share links")
    public Uni<Response> revokePlaylistInvitation(@PathParam("id") UUID id, @PathParam("invitationId") UUID invitationId) {
        return playlists.revoke(id, PlaylistRequests.caller(token), invitationId).map(done -> Response.noContent().build());
    }

    @POST
    @Path("/collaborators")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "joinPlaylist", summary = "Redeem a share link: become a collaborator of the playlist")
    @APIResponse(responseCode = "200", description = "The playlist, which you may now edit (its ETag is its version)",
            content = @Content(schema = @Schema(implementation = PlaylistViews.PlaylistView.class)))
    @APIResponse(responseCode = "400", description = "No invitation token given")
    @APIResponse(responseCode = "410", description = "The share link expired: ask the owner for a new one")
    @APIResponse(responseCode = "422", description = "The playlist has as many collaborators as it may")
    public Uni<Response> joinPlaylist(@PathParam("id") UUID id, @Valid @NotNull PlaylistViews.JoinPlaylist request) {
        return playlists.join(id, PlaylistRequests.caller(token), request.invitation()).map(PlaylistResource::answer);
    }

    @GET
    @Path("/collaborators")
    @Operation(operationId = "listPlaylistCollaborators", summary = "Who may edit the playlist besides its owner (owner and collaborators)")
    @APIResponse(responseCode = "200", description = "Every collaborator, by the time they joined (a bounded list: nextCursor is null)")
    @APIResponse(responseCode = "403", description = "Only the owner and collaborators see who collaborates")
    public Uni<Page<PlaylistViews.CollaboratorView>> listPlaylistCollaborators(@PathParam("id") UUID id) {
        return playlists.collaborators(id, token.getSubject())
                .map(collaborators -> Page.last(collaborators.stream().map(PlaylistMapper::view).toList()));
    }

    @DELETE
    @Path("/collaborators/{userId}")
    @Operation(operationId = "removePlaylistCollaborator", summary = "Remove a collaborator (owner), or leave the playlist (the collaborator)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "Only the owner removes others")
    public Uni<Response> removePlaylistCollaborator(@PathParam("id") UUID id, @PathParam("userId") String userId) {
        return playlists.removeCollaborator(id, PlaylistRequests.caller(token), userId).map(done -> Response.noContent().build());
    }
}
