package io.musicplatform.ingestion.rest;

import io.musicplatform.ingestion.config.IngestionConfig;
import io.musicplatform.ingestion.entity.Job;
import io.musicplatform.ingestion.service.IngestionRefused;
import io.musicplatform.ingestion.service.Jobs;
import io.musicplatform.servicecore.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The long operations, as jobs: bulk import of a bucket prefix, and replay of every track's current revision. */
@Path("/")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
@APIResponse(responseCode = "401", description = "No valid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token lacks the admin role",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class JobResource {

    /** What to import: every object under a prefix of the media bucket, or every file of a server folder. */
    @Schema(name = "ImportRequest", description = "Exactly one of prefix and folder")
    public record ImportRequest(
            @Size(min = 1, max = 1024) @Pattern(regexp = "[^\\p{Cntrl}]+", message = "must not contain control characters")
            @Schema(examples = "imports/2026-11-label-x/", description = "A prefix of the media bucket") String prefix,
            @Size(min = 1, max = 4096) @Pattern(regexp = "[^\\p{Cntrl}]+", message = "must not contain control characters")
            @Schema(examples = "/srv/music/incoming/label-x",
                    description = "An absolute folder of the service's disk, within music.ingestion.import-folders (operators)")
            String folder) {
    }

    /** A job (DESIGN.md section 9). */
    @Schema(name = "Job")
    public record JobView(UUID id,
                          @Schema(examples = "IMPORT") Job.Kind kind,
                          @Schema(examples = "RUNNING") Job.State state,
                          @Schema(nullable = true, description = "What an import reads: a bucket prefix or a server folder") String source,
                          @Schema(nullable = true, examples = "BUCKET") Job.SourceKind sourceKind,
                          long total, long done, long failed,
                          @Schema(nullable = true) Instant startedAt,
                          @Schema(nullable = true) Instant finishedAt,
                          @Schema(nullable = true, description = "Why the job itself failed") String error,
                          @Schema(description = "Files that failed, with the reason (at most 100)") List<ItemError> errors) {
    }

    @Schema(name = "JobItemError")
    public record ItemError(@Schema(examples = "imports/a/notes.mp3") String item,
                            @Schema(examples = "the content is text, not audio of a supported format") String reason) {
    }

    private final Jobs jobs;
    private final IngestionConfig config;
    private final JsonWebToken token;

    public JobResource(Jobs jobs, IngestionConfig config, JsonWebToken token) {
        this.jobs = jobs;
        this.config = config;
        this.token = token;
    }

    @POST
    @Path("imports")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(operationId = "startImport", summary = "Import every object under a bucket prefix, or every file of a server folder, as a job")
    @APIResponse(responseCode = "202", description = "The job, started; follow it at Location",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "Neither or both of prefix and folder, a prefix of the service's own, or a folder outside the allowed ones",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response startImport(@NotNull @Valid ImportRequest request, @Context UriInfo uri) {
        if ((request.prefix() == null) == (request.folder() == null)) {
            throw new IngestionRefused.InvalidField("prefix", "give either a bucket prefix or a folder, not "
                    + (request.prefix() == null ? "neither" : "both"));
        }
        Job job;
        if (request.folder() != null) {
            job = jobs.startFolderImport(request.folder(), token.getSubject());
        } else {
            if (request.prefix().startsWith(config.stagingPrefix()) || request.prefix().startsWith(config.mediaPrefix())) {
                throw new IngestionRefused.InvalidField("prefix", "must not be under the service's own " + config.stagingPrefix() + " or "
                        + config.mediaPrefix());
            }
            job = jobs.startImport(request.prefix(), token.getSubject());
        }
        return Response.accepted(view(job, List.of())).location(uri.getBaseUriBuilder().path("imports").path(job.id.toString()).build()).build();
    }

    @GET
    @Path("imports/{id}")
    @Operation(operationId = "getImport", summary = "An import job's progress and the files that failed")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "No such import",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<JobView> getImport(@PathParam("id") UUID id) {
        return job(id, Job.Kind.IMPORT);
    }

    @POST
    @Path("replays")
    @Blocking
    @Operation(operationId = "startReplay", summary = "Publish the current revision of every track again, as a job, so that projections can be rebuilt")
    @APIResponse(responseCode = "202", description = "The job, started; follow it at Location",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    public Response startReplay(@Context UriInfo uri) {
        Job job = jobs.startReplay(token.getSubject());
        return Response.accepted(view(job, List.of())).location(uri.getBaseUriBuilder().path("replays").path(job.id.toString()).build()).build();
    }

    @GET
    @Path("replays/{id}")
    @Operation(operationId = "getReplay", summary = "A replay job's progress")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "No such replay",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<JobView> getReplay(@PathParam("id") UUID id) {
        return job(id, Job.Kind.REPLAY);
    }

    private Uni<JobView> job(UUID id, Job.Kind kind) {
        return jobs.job(id).map(found -> {
            if (found.job().kind != kind) {
                throw new IngestionRefused.NoSuchJob(id);
            }
            return view(found.job(), found.done(), found.failed(),
                    found.errors().stream().map(item -> new ItemError(item.id.itemKey(), item.reason)).toList());
        });
    }

    private static JobView view(Job job, List<ItemError> errors) {
        return view(job, job.done, job.failed, errors);
    }

    private static JobView view(Job job, long done, long failed, List<ItemError> errors) {
        return new JobView(job.id, job.kind, job.state, job.source, job.sourceKind, job.total, done, failed, job.startedAt, job.finishedAt,
                job.error, errors);
    }
}
