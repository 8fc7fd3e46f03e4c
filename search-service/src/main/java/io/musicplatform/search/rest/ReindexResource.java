package io.musicplatform.search.rest;

import io.musicplatform.search.service.ReindexJob;
import io.musicplatform.search.service.ReindexService;
import io.musicplatform.servicecore.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.UUID;

/** Re-index with zero downtime (UC-07), an operation: role {@code admin}. */
@Path("/reindex")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Re-index")
@APIResponse(responseCode = "401", description = "No valid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token lacks the admin role",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ReindexResource {

    private static final String JOB_EXAMPLE = """
            {"id": "0b0d5c1e-8f4e-4d8a-9a55-2a4f3c1d2e10", "kind": "reindex", "state": "RUNNING", "total": 100000, "done": 45000,
             "failed": 0, "startedAt": "2026-11-27T22:00:00Z", "finishedAt": null, "errors": [], "fromIndex": "tracks-v1", "toIndex": "tracks-v2",
             "resumes": 0}""";

    private final ReindexService reindex;

    @Context
    UriInfo uri;

    public ReindexResource(ReindexService reindex) {
        this.reindex = reindex;
    }

    @POST
    @Operation(operationId = "startReindex", summary = "Build the next index from track-ingested while searches go on, then swap the alias")
    @APIResponse(responseCode = "202", description = "Started; follow the job at Location",
            headers = @Header(name = "Location", description = "The job", schema = @Schema(implementation = URI.class)),
            content = @Content(schema = @Schema(implementation = ReindexJob.View.class), examples = @ExampleObject(name = "started", value = JOB_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "A re-index is already running; Location names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response startReindex() {
        ReindexJob job = reindex.start();
        return Response.accepted(job.view()).location(location(job.id())).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getReindexJob", summary = "A re-index job's state and progress")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(schema = @Schema(implementation = ReindexJob.View.class), examples = @ExampleObject(name = "running", value = JOB_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ReindexJob.View> getReindexJob(@PathParam("id") UUID id) {
        return reindex.job(id).map(job -> job.orElseThrow(() -> new NotFoundException("No re-index job " + id + " on this service; start one with POST " + uri.getBaseUri().getPath() + "reindex")));
    }

    @ServerExceptionMapper
    public Response alreadyRunning(ReindexService.AlreadyRunning running) {
        Response.ResponseBuilder conflict = Response.fromResponse(Problem.of(Response.Status.CONFLICT, "Re-index already running",
                running.getMessage(), uri.getRequestUri().getRawPath()).toResponse());
        running.job().ifPresent(job -> conflict.location(location(job)));
        return conflict.build();
    }

    private URI location(UUID id) {
        return uri.getBaseUriBuilder().path("reindex").path(id.toString()).build();
    }
}
