package io.musicplatform.stats.rest;

import io.musicplatform.servicecore.api.Page;
import io.musicplatform.servicecore.problem.Problem;
import io.musicplatform.stats.service.Period;
import io.musicplatform.stats.service.StatsQueries;
import io.musicplatform.stats.service.StatsQueries.HistoryCursor;
import io.musicplatform.stats.service.StatsViews.ArtistRank;
import io.musicplatform.stats.service.StatsViews.Erasure;
import io.musicplatform.stats.service.StatsViews.HistoryEntry;
import io.musicplatform.stats.service.StatsViews.TrackRank;
import io.musicplatform.stats.service.StatsViews.UserStats;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.common.util.RestMediaType;

/**
 * A listener's own figures, history, tops, export and erasure ({@code /users/me/...}, the token's
 * {@code sub} is the user id), and anyone's figures for an admin ({@code /users/{id}}).
 */
@Path("/users")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Listeners")
@APIResponse(responseCode = "401", description = "No valid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class UserStatsResource {

    private static final String ME = "/api/stats/users/me";

    private final StatsQueries stats;
    private final JsonWebToken token;

    public UserStatsResource(StatsQueries stats, JsonWebToken token) {
        this.stats = stats;
        this.token = token;
    }

    @GET
    @Path("/me")
    @Operation(operationId = "getMyStats", summary = "The caller's plays, counted exactly, and their last play")
    @APIResponse(responseCode = "200", description = "The caller's figures; 0 plays before the first",
            content = @Content(schema = @Schema(implementation = UserStats.class)))
    public Uni<UserStats> getMyStats() {
        return stats.user(me());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("admin")
    @Operation(operationId = "getUserStats", summary = "Any listener's plays and last play (admin)")
    @APIResponse(responseCode = "200", description = "The listener's figures",
            content = @Content(schema = @Schema(implementation = UserStats.class)))
    @APIResponse(responseCode = "403", description = "The caller is not an admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<UserStats> getUserStats(@PathParam("id") @Size(min = 1, max = 255)
                                       @Parameter(description = "The listener's user id (their token's sub)", example = "0b5d1c62-3a1e-4e65-b7f1-5d3c1f0e9a77")
                                       String id) {
        return stats.user(id);
    }

    @GET
    @Path("/me/history")
    @Operation(operationId = "getMyHistory", summary = "The caller's whole listening history, newest first, one page at a time")
    @APIResponse(responseCode = "200", description = "A page of plays; pass nextCursor as ?cursor= for the next")
    @APIResponse(responseCode = "400", description = "The limit or cursor is not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<HistoryEntry>> getMyHistory(
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Params.MAX_PAGE) int limit,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor) {
        return stats.history(me(), Params.cursor(cursor, ME + "/history"), limit + 1)
                .map(rows -> Page.ofOneMore(rows, limit, last -> Params.encode(new HistoryCursor(last.playedAt(), last.playId())), row -> row));
    }

    @GET
    @Path("/me/top/tracks")
    @Operation(operationId = "getMyTopTracks", summary = "The caller's most played tracks in a day, ISO week or month (UTC)")
    @APIResponse(responseCode = "200", description = "Tracks by plays, most played first")
    @APIResponse(responseCode = "400", description = "The period, date or limit is not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<TrackRank>> getMyTopTracks(
            @QueryParam("period") @DefaultValue("month") @Parameter(description = "day, week or month", example = "month") String period,
            @QueryParam("date") @Parameter(description = "A day in the period, YYYY-MM-DD; today when absent", example = "2026-11-27") String date,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Params.MAX_TOP) int limit) {
        Period p = Params.period(period, ME + "/top/tracks");
        return stats.userTopTracks(me(), p, Params.periodStart(p, date, ME + "/top/tracks"), limit).map(Page::last);
    }

    @GET
    @Path("/me/top/artists")
    @Operation(operationId = "getMyTopArtists", summary = "The caller's most played artists in a day, ISO week or month (UTC)")
    @APIResponse(responseCode = "200", description = "Artists by plays, most played first")
    @APIResponse(responseCode = "400", description = "The period, date or limit is not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<ArtistRank>> getMyTopArtists(
            @QueryParam("period") @DefaultValue("month") @Parameter(description = "day, week or month", example = "month") String period,
            @QueryParam("date") @Parameter(description = "A day in the period, YYYY-MM-DD; today when absent", example = "2026-11-27") String date,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Params.MAX_TOP) int limit) {
        Period p = Params.period(period, ME + "/top/artists");
        return stats.userTopArtists(me(), p, Params.periodStart(p, date, ME + "/top/artists"), limit).map(Page::last);
    }

    @GET
    @Path("/me/export")
    @Produces(RestMediaType.APPLICATION_NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportMyHistory",
            summary = "The caller's whole listening history as JSON lines (one play per line, newest first), streamed")
    @APIResponse(responseCode = "200", description = "One HistoryEntry per line",
            content = @Content(mediaType = RestMediaType.APPLICATION_NDJSON, schema = @Schema(implementation = HistoryEntry.class)))
    public Multi<HistoryEntry> exportMyHistory() {
        return stats.export(me());
    }

    @DELETE
    @Path("/me/history")
    @Operation(operationId = "eraseMyHistory",
            summary = "Erases the caller's listening history and per-listener figures; track and global counts stay exact")
    @APIResponse(responseCode = "200", description = "Erased; a rebuild from the topic will not bring it back",
            content = @Content(schema = @Schema(implementation = Erasure.class)))
    public Uni<Erasure> eraseMyHistory() {
        return stats.erase(me());
    }

    /** The caller's user id: the token's sub, as every service reads it (DESIGN.md section 9). */
    private String me() {
        return token.getSubject();
    }
}
