package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.service.SubscriptionService;
import io.musicplatform.servicecore.api.Page;
import io.musicplatform.servicecore.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The artists and genres the caller follows. Following is idempotent: {@code 201} the first time,
 * {@code 200} with the same subscription afterwards; unfollowing answers {@code 204} whether or not
 * the caller followed.
 */
@Path("/me/subscriptions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Subscriptions")
@APIResponse(responseCode = "401", description = "No valid access token")
public class SubscriptionResource {

    private static final String PATH = "/api/catalog/me/subscriptions";

    private final SubscriptionService subscriptions;
    private final JsonWebToken token;

    public SubscriptionResource(SubscriptionService subscriptions, JsonWebToken token) {
        this.subscriptions = subscriptions;
        this.token = token;
    }

    @GET
    @Operation(operationId = "listMySubscriptions", summary = "The artists and genres you follow, newest first")
    @APIResponse(responseCode = "200", description = "A page of subscriptions; pass nextCursor as ?cursor= for the next")
    @APIResponse(responseCode = "400", description = "The limit or cursor is not valid")
    public Uni<Page<SubscriptionViews.SubscriptionView>> listMySubscriptions(
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor) {
        Optional<SubscriptionService.After> after = PageCursor.read(cursor, 3, PATH, values -> new SubscriptionService.After(
                Instant.parse(values[0]), SubscriptionService.Kind.valueOf(values[1]), values[2]));
        return subscriptions.list(token.getSubject(), after, limit + 1).map(found -> Page.ofOneMore(found, limit,
                last -> PageCursor.encode(last.subscribedAt().toString(), last.kind().name(), last.id()),
                SubscriptionViews::view));
    }

    @PUT
    @Path("/artists/{artistId}")
    @Operation(operationId = "followArtist", summary = "Follow an artist: be notified of their new tracks")
    @APIResponse(responseCode = "201", description = "You follow the artist now",
            content = @Content(schema = @Schema(implementation = SubscriptionViews.SubscriptionView.class)))
    @APIResponse(responseCode = "200", description = "You already followed the artist; nothing changed",
            content = @Content(schema = @Schema(implementation = SubscriptionViews.SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "The artist id is not a UUID")
    @APIResponse(responseCode = "404", description = "No such artist in the catalog")
    @APIResponse(responseCode = "409", description = "You follow as many artists and genres as you may")
    public Uni<Response> followArtist(@PathParam("artistId") @Parameter(example = "5f0d5bd6-3e5c-3c5e-9c0e-0a7c0b7f1d2e") UUID artistId) {
        String user = token.getSubject();
        String path = PATH + "/artists/" + artistId;
        return subscriptions.followArtist(user, artistId).chain(result -> {
            if (result == SubscriptionService.Result.NO_SUCH_ARTIST) {
                throw new NotFoundException("No artist has the id " + artistId + ".");
            }
            return answer(result, user, SubscriptionService.Kind.ARTIST, artistId.toString(), path);
        });
    }

    @DELETE
    @Path("/artists/{artistId}")
    @Operation(operationId = "unfollowArtist", summary = "Stop following an artist")
    @APIResponse(responseCode = "204", description = "You do not follow the artist (any more)")
    @APIResponse(responseCode = "400", description = "The artist id is not a UUID")
    public Uni<Response> unfollowArtist(@PathParam("artistId") UUID artistId) {
        return subscriptions.unfollowArtist(token.getSubject(), artistId).map(done -> Response.noContent().build());
    }

    @PUT
    @Path("/genres/{genre}")
    @Operation(operationId = "followGenre", summary = "Follow a genre (case-insensitive): be notified of its new tracks")
    @APIResponse(responseCode = "201", description = "You follow the genre now",
            content = @Content(schema = @Schema(implementation = SubscriptionViews.SubscriptionView.class)))
    @APIResponse(responseCode = "200", description = "You already followed the genre; nothing changed",
            content = @Content(schema = @Schema(implementation = SubscriptionViews.SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "The genre is blank or longer than "
            + SubscriptionService.MAX_GENRE_LENGTH + " characters")
    @APIResponse(responseCode = "409", description = "You follow as many artists and genres as you may")
    public Uni<Response> followGenre(@PathParam("genre") @Parameter(example = "chanson") String genre) {
        String name = genre(genre);
        String user = token.getSubject();
        return subscriptions.followGenre(user, name).chain(result ->
                answer(result, user, SubscriptionService.Kind.GENRE, name, PATH + "/genres/" + name));
    }

    @DELETE
    @Path("/genres/{genre}")
    @Operation(operationId = "unfollowGenre", summary = "Stop following a genre")
    @APIResponse(responseCode = "204", description = "You do not follow the genre (any more)")
    @APIResponse(responseCode = "400", description = "The genre is blank or longer than "
            + SubscriptionService.MAX_GENRE_LENGTH + " characters")
    public Uni<Response> unfollowGenre(@PathParam("genre") String genre) {
        return subscriptions.unfollowGenre(token.getSubject(), genre(genre)).map(done -> Response.noContent().build());
    }

    private Uni<Response> answer(SubscriptionService.Result result, String user, SubscriptionService.Kind kind, String target,
                                 String path) {
        if (result == SubscriptionService.Result.LIMIT_REACHED) {
            throw new WebApplicationException(Problem.of(Response.Status.CONFLICT, "Too many subscriptions",
                    "You follow " + subscriptions.maxPerUser() + " artists and genres, as many as one may: stop following one first.",
                    path).toResponse());
        }
        return subscriptions.find(user, kind, target).map(found -> {
            SubscriptionViews.SubscriptionView view = SubscriptionViews.view(found);
            return result == SubscriptionService.Result.CREATED
                    ? Response.created(UriBuilder.fromPath(PATH).path(kind == SubscriptionService.Kind.ARTIST ? "artists" : "genres")
                    .path(target).build()).entity(view).build()
                    : Response.ok(view).build();
        });
    }

    /** The genre as followed: without surrounding blanks, not empty, not over the limit. */
    private static String genre(String raw) {
        String genre = raw == null ? "" : raw.strip();
        if (genre.isEmpty()) {
            throw PageCursor.invalid("genre", "must not be blank", PATH + "/genres/");
        }
        if (genre.length() > SubscriptionService.MAX_GENRE_LENGTH) {
            throw PageCursor.invalid("genre", "must be at most " + SubscriptionService.MAX_GENRE_LENGTH + " characters long",
                    PATH + "/genres/");
        }
        return genre;
    }
}
