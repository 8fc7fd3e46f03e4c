package io.musicplatform.stats.rest;

import io.musicplatform.servicecore.problem.Problem;
import io.musicplatform.stats.service.StatsQueries;
import io.musicplatform.stats.service.StatsViews.TrackStats;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** A track's exact play count and last play (UC-04). */
@Path("/tracks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tracks")
@APIResponse(responseCode = "401", description = "No valid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TrackStatsResource {

    private final StatsQueries stats;

    public TrackStatsResource(StatsQueries stats) {
        this.stats = stats;
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getTrackStats", summary = "A track's plays, counted exactly, and when it was last played")
    @APIResponse(responseCode = "200", description = "The track's figures; 0 plays for a track never played",
            content = @Content(schema = @Schema(implementation = TrackStats.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TrackStats> getTrackStats(@PathParam("id") UUID id) {
        return stats.track(id.toString());
    }
}
