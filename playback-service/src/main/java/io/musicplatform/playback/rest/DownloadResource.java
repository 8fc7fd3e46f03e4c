package io.musicplatform.playback.rest;

import io.musicplatform.playback.entity.OfflineLicence;
import io.musicplatform.playback.service.OfflineLicences;
import io.musicplatform.playback.service.StreamUrls;
import io.musicplatform.servicecore.api.Page;
import io.musicplatform.servicecore.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Offline listening (from the seed notes): licences a listener holds, renews and revokes. They are not plays. */
@Path("/")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Offline")
@APIResponse(responseCode = "401", description = "No valid access token")
public class DownloadResource {

    static final int MAX_PAGE = 100;

    private final OfflineLicences licences;
    private final StreamUrls urls;
    private final JsonWebToken token;

    public DownloadResource(OfflineLicences licences, StreamUrls urls, JsonWebToken token) {
        this.licences = licences;
        this.urls = urls;
        this.token = token;
    }

    @POST
    @Path("tracks/{id}/download")
    @Operation(operationId = "downloadTrack", summary = "Get an offline licence for a track, with a download URL bound to it")
    @APIResponse(responseCode = "201", description = "The licence and its download URL",
            content = @Content(schema = @Schema(implementation = PlayViews.LicenceView.class)))
    @APIResponse(responseCode = "404", description = "No such track")
    @APIResponse(responseCode = "409", description = "You hold as many active licences as allowed: revoke one first")
    @APIResponse(responseCode = "410", description = "The track was taken down")
    @APIResponse(responseCode = "451", description = "Not licensed in your country")
    public Uni<Response> downloadTrack(@PathParam("id") UUID id) {
        return licences.issue(id, PlaybackProblems.listener(token)).map(licensed -> Response
                .created(URI.create("downloads/" + licensed.licence().id))
                .cacheControl(CacheControl.valueOf("no-store"))
                .entity(view(licensed, true)).build());
    }

    @POST
    @Path("downloads/{licenceId}/renew")
    @Operation(operationId = "renewDownload", summary = "A new download URL for an active licence of yours")
    @APIResponse(responseCode = "200", description = "The licence and a new download URL",
            content = @Content(schema = @Schema(implementation = PlayViews.LicenceView.class)))
    @APIResponse(responseCode = "404", description = "You have no such licence")
    @APIResponse(responseCode = "410", description = "The licence was revoked or has expired, or its track was taken down")
    @APIResponse(responseCode = "451", description = "No longer licensed in your country")
    public Uni<Response> renewDownload(@PathParam("licenceId") UUID licenceId) {
        return licences.renew(licenceId, PlaybackProblems.listener(token))
                .map(licensed -> Response.ok(view(licensed, true)).cacheControl(CacheControl.valueOf("no-store")).build());
    }

    @GET
    @Path("downloads")
    @Operation(operationId = "listDownloads", summary = "Your offline licences, newest first, with their state")
    @APIResponse(responseCode = "200", description = "A page of licences; pass nextCursor as ?cursor= for the next")
    @APIResponse(responseCode = "400", description = "The limit or cursor is not valid")
    public Uni<Page<PlayViews.LicenceView>> listDownloads(
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(MAX_PAGE) int limit,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor) {
        Optional<Instant> afterIssued = Optional.empty();
        Optional<UUID> afterId = Optional.empty();
        if (cursor != null && !cursor.isBlank()) {
            try {
                String[] values = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(" ", -1);
                afterIssued = Optional.of(Instant.parse(values[0]));
                afterId = Optional.of(UUID.fromString(values[1]));
            } catch (RuntimeException e) {
                String message = "is not a cursor this service gave; start again without it";
                throw new WebApplicationException(Problem.of(Response.Status.BAD_REQUEST, "Invalid request", "cursor " + message,
                        "/api/playback/downloads").withErrors(List.of(new Problem.FieldError("cursor", message))).toResponse());
            }
        }
        return licences.of(token.getSubject(), afterIssued, afterId, limit + 1).map(found -> Page.ofOneMore(found, limit,
                last -> Base64.getUrlEncoder().withoutPadding().encodeToString((last.issuedAt + " " + last.id).getBytes(StandardCharsets.UTF_8)),
                licence -> view(new OfflineLicences.Licensed(licence, null), false)));
    }

    @DELETE
    @Path("downloads/{licenceId}")
    @Operation(operationId = "revokeDownload", summary = "Revoke an offline licence of yours: it is never renewed")
    @APIResponse(responseCode = "204", description = "Revoked (or it was already)")
    @APIResponse(responseCode = "404", description = "You have no such licence")
    public Uni<Response> revokeDownload(@PathParam("licenceId") UUID licenceId) {
        return licences.revoke(licenceId, token.getSubject()).map(done -> Response.noContent().build());
    }

    private PlayViews.LicenceView view(OfflineLicences.Licensed licensed, boolean withUrl) {
        OfflineLicence licence = licensed.licence();
        PlayViews.State state = licence.revokedAt != null ? PlayViews.State.REVOKED
                : licence.activeAt(Instant.now()) ? PlayViews.State.ACTIVE : PlayViews.State.EXPIRED;
        StreamUrls.StreamUrl url = withUrl ? urls.download(licensed.track(), licence) : null;
        return new PlayViews.LicenceView(licence.id, licence.trackId, licence.issuedAt, licence.expiresAt, state,
                licence.revokedReason == null ? null : licence.revokedReason.name(),
                url == null ? null : url.url(), url == null ? null : url.expiresAt());
    }
}
