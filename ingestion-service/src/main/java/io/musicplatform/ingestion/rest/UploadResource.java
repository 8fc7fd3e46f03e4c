package io.musicplatform.ingestion.rest;

import io.musicplatform.ingestion.config.IngestionConfig;
import io.musicplatform.ingestion.entity.Upload;
import io.musicplatform.ingestion.mapping.TrackMapper;
import io.musicplatform.ingestion.service.FileNames;
import io.musicplatform.ingestion.service.IngestionRefused;
import io.musicplatform.ingestion.service.IngestionService;
import io.musicplatform.ingestion.service.Ingestor;
import io.musicplatform.ingestion.service.MediaObjects;
import io.musicplatform.servicecore.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Uploads that never pass through the service: announce one, PUT the file straight to storage with
 * the presigned URL, then complete it, which analyses the stored object and publishes the track.
 */
@Path("/uploads")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Uploads")
@APIResponse(responseCode = "401", description = "No valid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token lacks the admin role",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class UploadResource {

    private final IngestionService service;
    private final Ingestor ingestor;
    private final MediaObjects objects;
    private final IngestionConfig config;
    private final JsonWebToken token;

    public UploadResource(IngestionService service, Ingestor ingestor, MediaObjects objects, IngestionConfig config, JsonWebToken token) {
        this.service = service;
        this.ingestor = ingestor;
        this.objects = objects;
        this.config = config;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createUpload", summary = "Announce an upload: a presigned PUT URL bound to the file's size and type")
    @APIResponse(responseCode = "201", description = "PUT the file to uploadUrl with the headers given, then complete the upload",
            content = @Content(schema = @Schema(implementation = TrackViews.UploadTicket.class)))
    @APIResponse(responseCode = "400", description = "A missing or unsafe file name, a type that is not audio, a size of zero or over the limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> createUpload(@NotNull @Valid TrackViews.UploadRequest request) {
        String fileName = FileNames.check(request.fileName());
        if (request.sizeBytes() > config.maxUploadBytes()) {
            throw new IngestionRefused.InvalidField("sizeBytes", "must be at most " + config.maxUploadBytes() + " bytes");
        }
        Duration validFor = request.validForSeconds() == null ? config.uploadUrlTtl()
                : Duration.ofSeconds(Math.min(request.validForSeconds(), config.uploadUrlTtl().toSeconds()));
        Upload upload = new Upload();
        upload.id = UUID.randomUUID();
        upload.fileName = fileName;
        upload.contentType = request.contentType();
        upload.sizeBytes = request.sizeBytes();
        upload.stagingKey = config.stagingPrefix() + upload.id;
        upload.state = Upload.State.PENDING;
        upload.createdBy = token.getSubject();
        upload.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // Signing is local arithmetic: fine on the event loop.
        MediaObjects.SignedPut put = objects.signPut(upload.stagingKey, upload.contentType, upload.sizeBytes, validFor);
        upload.expiresAt = put.expiresAt().truncatedTo(ChronoUnit.MICROS);
        return service.announce(upload).map(saved -> Response.status(Response.Status.CREATED)
                .entity(new TrackViews.UploadTicket(saved.id, put.url(), "PUT", Map.of("Content-Type", saved.contentType), put.expiresAt()))
                .build());
    }

    @POST
    @Path("/{uploadId}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(operationId = "completeUpload", summary = "Complete an upload: analyse the stored file and publish it as a track")
    @APIResponse(responseCode = "201", description = "A new track, revision 1, published as TrackIngested",
            content = @Content(schema = @Schema(implementation = TrackViews.CompletedUpload.class)))
    @APIResponse(responseCode = "200", description = "The same content is already a track: this is it, nothing new was published",
            content = @Content(schema = @Schema(implementation = TrackViews.CompletedUpload.class)))
    @APIResponse(responseCode = "400", description = "An override is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such pending upload (never announced, refused, or expired)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Nothing was PUT yet, or the upload was already completed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The stored file is bigger than announced; it was deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The file is not whole audio of a supported format; it was deleted, nothing was kept",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response completeUpload(@PathParam("uploadId") UUID uploadId, @Valid TrackViews.TrackChanges overrides, @Context UriInfo uri) {
        TrackViews.TrackChanges given = overrides == null ? TrackViews.TrackChanges.NONE : overrides;
        Ingestor.Ingested ingested = ingestor.complete(uploadId, given.tags(), given.territoryCodes(), token.getSubject());
        return answer(uploadId, ingested, uri);
    }

    static Response answer(UUID uploadId, Ingestor.Ingested ingested, UriInfo uri) {
        TrackViews.CompletedUpload body = new TrackViews.CompletedUpload(uploadId, ingested.duplicate(), ingested.warnings(),
                TrackMapper.view(ingested.revision()));
        return (ingested.duplicate() ? Response.ok() : Response.status(Response.Status.CREATED))
                .location(uri.getBaseUriBuilder().path("tracks").path(ingested.revision().trackId.toString()).build()).entity(body).build();
    }
}
