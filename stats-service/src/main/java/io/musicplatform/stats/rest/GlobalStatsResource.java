package io.musicplatform.stats.rest;

import io.musicplatform.servicecore.api.Page;
import io.musicplatform.servicecore.problem.Problem;
import io.musicplatform.stats.config.StatsConfig;
import io.musicplatform.stats.service.Period;
import io.musicplatform.stats.service.StatsQueries;
import io.musicplatform.stats.service.StatsViews.ArtistRank;
import io.musicplatform.stats.service.StatsViews.BreakdownEntry;
import io.musicplatform.stats.service.StatsViews.DayPlays;
import io.musicplatform.stats.service.StatsViews.GenreHour;
import io.musicplatform.stats.service.StatsViews.TrackRank;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Locale;

/** The whole platform's figures: daily plays (UC-04), top tracks and artists, genres by hour, breakdowns by context. */
@Path("/")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Platform")
@APIResponse(responseCode = "401", description = "No valid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "400", description = "A parameter is not valid: a malformed date, an inverted or too long range, an unknown period or dimension, a limit over the cap",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class GlobalStatsResource {

    static final List<String> DIMENSIONS = List.of("country", "platform", "device");

    private final StatsQueries stats;
    private final StatsConfig config;

    public GlobalStatsResource(StatsQueries stats, StatsConfig config) {
        this.stats = stats;
        this.config = config;
    }

    @GET
    @Path("/global/daily")
    @Operation(operationId = "getDailyPlays", summary = "The platform's plays per UTC day, every day of the range (0 when none)")
    @APIResponse(responseCode = "200", description = "One entry per day, oldest first")
    public Uni<Page<DayPlays>> getDailyPlays(
            @QueryParam("from") @Parameter(description = "First day, YYYY-MM-DD; 29 days before to when absent", example = "2026-11-01") String from,
            @QueryParam("to") @Parameter(description = "Last day, included; today when absent", example = "2026-11-27") String to) {
        Params.DayRange range = Params.range(from, to, config.maxRangeDays(), "/api/stats/global/daily");
        return stats.daily(range.from(), range.to()).map(Page::last);
    }

    @GET
    @Path("/top/tracks")
    @Operation(operationId = "getTopTracks", summary = "The most played tracks of a day, ISO week or month (UTC)")
    @APIResponse(responseCode = "200", description = "Tracks by plays, most played first")
    public Uni<Page<TrackRank>> getTopTracks(
            @QueryParam("period") @DefaultValue("day") @Parameter(description = "day, week or month", example = "week") String period,
            @QueryParam("date") @Parameter(description = "A day in the period, YYYY-MM-DD; today when absent", example = "2026-11-27") String date,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(Params.MAX_TOP) int limit) {
        Period p = Params.period(period, "/api/stats/top/tracks");
        return stats.topTracks(p, Params.periodStart(p, date, "/api/stats/top/tracks"), limit).map(Page::last);
    }

    @GET
    @Path("/top/artists")
    @Operation(operationId = "getTopArtists", summary = "The most played artists of a day, ISO week or month (UTC)")
    @APIResponse(responseCode = "200", description = "Artists by plays, most played first")
    public Uni<Page<ArtistRank>> getTopArtists(
            @QueryParam("period") @DefaultValue("day") @Parameter(description = "day, week or month", example = "month") String period,
            @QueryParam("date") @Parameter(description = "A day in the period, YYYY-MM-DD; today when absent", example = "2026-11-27") String date,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(Params.MAX_TOP) int limit) {
        Period p = Params.period(period, "/api/stats/top/artists");
        return stats.topArtists(p, Params.periodStart(p, date, "/api/stats/top/artists"), limit).map(Page::last);
    }

    @GET
    @Path("/genres/by-hour")
    @Operation(operationId = "getGenresByHour", summary = "Plays per genre and hour of the day (UTC) over a range of days")
    @APIResponse(responseCode = "200", description = "One entry per genre and hour that had plays, by hour then plays")
    public Uni<Page<GenreHour>> getGenresByHour(
            @QueryParam("from") @Parameter(description = "First day, YYYY-MM-DD; 29 days before to when absent", example = "2026-11-01") String from,
            @QueryParam("to") @Parameter(description = "Last day, included; today when absent", example = "2026-11-27") String to) {
        Params.DayRange range = Params.range(from, to, config.maxRangeDays(), "/api/stats/genres/by-hour");
        return stats.genresByHour(range.from(), range.to()).map(Page::last);
    }

    @GET
    @Path("/breakdown")
    @Operation(operationId = "getBreakdown", summary = "Plays by country, platform or device over a range of days")
    @APIResponse(responseCode = "200", description = "One entry per value, most plays first")
    public Uni<Page<BreakdownEntry>> getBreakdown(
            @QueryParam("by") @Parameter(description = "country, platform or device", required = true, example = "country") String by,
            @QueryParam("from") @Parameter(description = "First day, YYYY-MM-DD; 29 days before to when absent", example = "2026-11-01") String from,
            @QueryParam("to") @Parameter(description = "Last day, included; today when absent", example = "2026-11-27") String to) {
        String dimension = by == null ? "" : by.trim().toLowerCase(Locale.ROOT);
        if (!DIMENSIONS.contains(dimension)) {
            throw Params.invalid("by", "must be one of " + String.join(", ", DIMENSIONS), "/api/stats/breakdown");
        }
        Params.DayRange range = Params.range(from, to, config.maxRangeDays(), "/api/stats/breakdown");
        return stats.breakdown(dimension, range.from(), range.to()).map(Page::last);
    }
}
