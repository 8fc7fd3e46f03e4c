package io.musicplatform.catalog.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicplatform.catalog.config.CatalogConfig;
import io.musicplatform.catalog.service.LiveStreams;
import io.musicplatform.catalog.service.StreamException;
import io.musicplatform.servicecore.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Live updates: the caller's new notifications and every change to the playlists they name, as
 * Server-Sent Events, on whichever replica the connection lands. Thin: the checks a request can fail
 * before the stream opens, then {@link LiveStreams}.
 */
@Path("/me/stream")
@RolesAllowed("user")
@Tag(name = "Live updates")
@APIResponse(responseCode = "401", description = "No valid access token")
@APIResponse(responseCode = "403", description = "The token lacks the user role")
public class StreamResource {

    static final String EVENT_FORMAT = """
            Server-Sent Events (text/event-stream), one event at a time as it happens:

            - `event: ready` (first, only when the request has no Last-Event-ID): data `{unreadCount, playlists: [{id, version}]}`, where the stream starts.
            - `event: notification`: a notification of yours made or changed; data as an item of GET /me/notifications plus `sequence`, your number of this change.
            - `event: playlist`: one change to a playlist you named; data `{playlistId, version, change, byUserId, byName, entryIds, trackIds, index, name}`, `change` being add, remove, move, update, join, leave or delete. Apply it to version - 1; ignore it at or below the version you hold.
            - `event: resync`: data `{playlistId, version, reason}`: read that playlist again (its changes up to `version` cannot be given one by one: `changes-not-kept`), or it is no longer visible to you (`not-visible`: reading it answers 404, and no more of its changes come).
            - A comment line (`:heartbeat`) every heartbeat interval (15 s by default) keeps idle connections open.

            Every event but the heartbeat has an `id`: your notification sequence, then each named playlist's version, in the order of the request, joined by dots (`17.12.4` for two playlists). Reconnecting with the same URL and that id in `Last-Event-ID`, as EventSource does by itself, resumes right after it: nothing missed, nothing repeated. Any replica serves it: each learns every change through the catalog-changes topic. The stream ends when the token expires; reconnect with a fresh token.""";

    private final LiveStreams streams;
    private final JsonWebToken token;
    private final ObjectMapper json;
    private final int maxPlaylists;

    public StreamResource(LiveStreams streams, JsonWebToken token, ObjectMapper json, CatalogConfig config) {
        this.streams = streams;
        this.token = token;
        this.json = json;
        this.maxPlaylists = config.stream().maxPlaylists();
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamMyChanges", summary = "Your new notifications and the changes to playlists you name, live",
            description = EVENT_FORMAT)
    @APIResponse(responseCode = "200", description = "The stream, open until the client closes it or the token expires",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "opened, then a change", value = """
                            id: 17.12
                            event: ready
                            data: {"unreadCount":3,"playlists":[{"id":"6f1c2d9e-8b7a-4c6d-9e0f-1a2b3c4d5e6f","version":12}]}

                            id: 17.13
                            event: playlist
                            data: {"playlistId":"6f1c2d9e-8b7a-4c6d-9e0f-1a2b3c4d5e6f","version":13,"change":"add","byUserId":"0b9f6c1e-4c62-4cc5-9d0b-8f6d8f3d2a11","byName":"listener","entryIds":["1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d"],"trackIds":["9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d"],"index":4,"name":null}

                            :heartbeat
                            """)))
    @APIResponse(responseCode = "400", description = "A playlist id that is not a UUID, named twice or too many playlists;"
            + " a Last-Event-ID that is not a position of this stream (its format is said in the answer)")
    @APIResponse(responseCode = "404", description = "A playlist named does not exist, or is private to someone else")
    @APIResponse(responseCode = "503", description = "This server is stopping (a rolling update): open the stream again,"
            + " another server answers", headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait before"
            + " trying again", schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "429", description = "You have the most streams open on this server (per server: see"
            + " music.catalog.stream.max-per-user); close one and retry",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait before trying again",
                    schema = @Schema(type = SchemaType.INTEGER)))
    public Uni<Void> streamMyChanges(
            @QueryParam("playlist") @Parameter(description = "A playlist whose changes to receive; repeat for several (at most"
                    + " music.catalog.stream.max-playlists, 20 by default). Their order is the order of the versions in event ids.",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = UUID.class)) List<String> playlist,
            @HeaderParam("Last-Event-ID") @Parameter(in = ParameterIn.HEADER, description = "The id of the last event you read,"
                    + " to resume right after it (EventSource sends it by itself when it reconnects)", example = "17.12")
            String lastEventId,
            @Context SseEventSink sink,
            @Context Sse sse) {
        List<UUID> playlists = playlists(playlist == null ? List.of() : playlist);
        long expiry = token.getExpirationTime();
        LiveStreams.Request request = new LiveStreams.Request(token.getSubject(), playlists,
                Optional.ofNullable(lastEventId).filter(id -> !id.isBlank()),
                expiry > 0 ? Instant.ofEpochSecond(expiry) : null);
        return streams.open(request, new SseStreamSink(sink, sse, json)).replaceWithVoid();
    }

    @ServerExceptionMapper
    public Response refused(StreamException e, UriInfo uri) {
        String path = uri.getRequestUri().getRawPath();
        return switch (e) {
            case StreamException.BadPosition bad -> Problem.of(Response.Status.BAD_REQUEST, "Invalid request", bad.getMessage(), path)
                    .withErrors(List.of(new Problem.FieldError("Last-Event-ID", bad.getMessage()))).toResponse();
            case StreamException.TooManyStreams tooMany -> Response.fromResponse(Problem.of(429, "Too many open streams",
                            tooMany.getMessage(), path).toResponse())
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, tooMany.retryAfter().toSeconds())))
                    .build();
            case StreamException.Stopping stopping -> Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                            "Server stopping", stopping.getMessage(), path).toResponse())
                    .header(HttpHeaders.RETRY_AFTER, "1")
                    .build();
        };
    }

    private List<UUID> playlists(List<String> ids) {
        if (ids.size() > maxPlaylists) {
            throw invalidPlaylist("names " + ids.size() + " playlists; one stream watches at most " + maxPlaylists
                    + ": open another stream for the others");
        }
        List<UUID> playlists = new ArrayList<>(ids.size());
        Set<UUID> seen = new HashSet<>();
        for (String id : ids) {
            UUID parsed = null;
            try {
                parsed = UUID.fromString(id.strip());
            } catch (IllegalArgumentException e) {
                // Reported below.
            }
            // UUID.fromString also takes shortened forms such as 1-2-3-4-5, which no playlist id has.
            if (parsed == null || !parsed.toString().equalsIgnoreCase(id.strip())) {
                throw invalidPlaylist("'" + id + "' is not a playlist id (a UUID)");
            }
            if (!seen.add(parsed)) {
                throw invalidPlaylist("names " + parsed + " twice; name each playlist once");
            }
            playlists.add(parsed);
        }
        return playlists;
    }

    private static WebApplicationException invalidPlaylist(String message) {
        return new WebApplicationException(Problem.of(Response.Status.BAD_REQUEST, "Invalid request", "playlist " + message,
                        "/api/catalog/me/stream")
                .withErrors(List.of(new Problem.FieldError("playlist", message))).toResponse());
    }
}
