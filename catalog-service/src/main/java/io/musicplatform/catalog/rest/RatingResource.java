package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.service.RatingService;
import io.musicplatform.servicecore.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
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

import java.util.UUID;

/** A listener's own rating of a track, 1 to 5 stars; the track shows the average and count of all. */
@Path("/tracks/{id}/rating")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ratings")
@APIResponse(responseCode = "401", description = "No valid access token")
@APIResponse(responseCode = "404", description = "No such track, or no rating of yours")
public class RatingResource {

    /** What a listener sends. */
    @Schema(name = "RatingRequest")
    public record RatingRequest(@NotNull @Min(1) @Max(5) @Schema(examples = "4", minimum = "1", maximum = "5") Integer stars) {
    }

    private final RatingService ratings;
    private final JsonWebToken token;

    public RatingResource(RatingService ratings, JsonWebToken token) {
        this.ratings = ratings;
        this.token = token;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rateTrack", summary = "Rate a track, or change your rating")
    @APIResponse(responseCode = "200", description = "Your rating",
            content = @Content(schema = @Schema(implementation = RatingService.Rating.class)))
    @APIResponse(responseCode = "400", description = "Stars missing or not 1 to 5")
    @APIResponse(responseCode = "410", description = "The track was taken down")
    public Uni<Response> rateTrack(@PathParam("id") UUID id, @Valid @NotNull RatingRequest request) {
        String user = token.getSubject();
        return ratings.rate(id, user, request.stars()).chain(result -> switch (result) {
            case NO_SUCH_TRACK -> throw new NotFoundException("No track has the id " + id + ".");
            case TAKEN_DOWN -> Uni.createFrom().item(Problem.of(Response.Status.GONE, "Track taken down",
                    "Track " + id + " was taken down and can no longer be rated.", "/api/catalog/tracks/" + id + "/rating").toResponse());
            case DONE -> ratings.ratingOf(id, user).map(rating -> Response.ok(rating).build());
        });
    }

    @GET
    @Operation(operationId = "getMyRating", summary = "Your rating of a track")
    @APIResponse(responseCode = "200", description = "Your rating",
            content = @Content(schema = @Schema(implementation = RatingService.Rating.class)))
    public Uni<RatingService.Rating> getMyRating(@PathParam("id") UUID id) {
        return ratings.ratingOf(id, token.getSubject()).map(rating -> {
            if (rating == null) {
                throw new NotFoundException("You have not rated track " + id + ".");
            }
            return rating;
        });
    }

    @DELETE
    @Operation(operationId = "deleteMyRating", summary = "Remove your rating of a track")
    @APIResponse(responseCode = "204", description = "Your rating is gone (or there was none)")
    public Uni<Response> deleteMyRating(@PathParam("id") UUID id) {
        return ratings.unrate(id, token.getSubject()).map(result -> {
            if (result == RatingService.Result.NO_SUCH_TRACK) {
                throw new NotFoundException("No track has the id " + id + ".");
            }
            return Response.noContent().build();
        });
    }
}
