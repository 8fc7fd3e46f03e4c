package io.musicplatform.ingestion.rest;

import io.musicplatform.ingestion.config.IngestionConfig;
import io.musicplatform.ingestion.service.FileNames;
import io.musicplatform.ingestion.service.IngestionRefused;
import io.musicplatform.ingestion.service.Ingestor;
import io.musicplatform.servicecore.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The direct upload for small files: one multipart request. The file part is written to disk as it
 * arrives (never held whole in memory), analysed there, and sent to storage from the file.
 */
@Path("/uploads/direct")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Uploads")
@APIResponse(responseCode = "401", description = "No valid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token lacks the admin role",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class DirectUploadResource {

    private final Ingestor ingestor;
    private final IngestionConfig config;
    private final JsonWebToken token;

    public DirectUploadResource(Ingestor ingestor, IngestionConfig config, JsonWebToken token) {
        this.ingestor = ingestor;
        this.config = config;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Blocking
    @Operation(operationId = "uploadDirect", summary = "Upload a small file in the request itself (multipart part \"file\", optional JSON part \"metadata\")")
    @APIResponse(responseCode = "201", description = "A new track, revision 1, published as TrackIngested",
            content = @Content(schema = @Schema(implementation = TrackViews.CompletedUpload.class)))
    @APIResponse(responseCode = "200", description = "The same content is already a track: this is it",
            content = @Content(schema = @Schema(implementation = TrackViews.CompletedUpload.class)))
    @APIResponse(responseCode = "400", description = "No file part, an unsafe file name or an invalid metadata field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Over music.ingestion.max-direct-upload-bytes: use the presigned upload",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The file is not whole audio of a supported format; nothing was kept",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response uploadDirect(@RestForm("file") @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                                         format = "binary") FileUpload file,
                                 @RestForm("metadata") @PartType(MediaType.APPLICATION_JSON) @Valid TrackViews.TrackChanges metadata,
                                 @Context UriInfo uri) {
        if (file == null || file.uploadedFile() == null) {
            throw new IngestionRefused.InvalidField("file", "is missing: send the audio as the multipart part \"file\"");
        }
        String fileName = FileNames.check(file.fileName());
        if (file.size() > config.maxDirectUploadBytes()) {
            throw new IngestionRefused.TooLarge("The file has " + file.size() + " bytes; the direct upload takes at most "
                    + config.maxDirectUploadBytes() + ". Use the presigned upload (POST /uploads) for bigger files.");
        }
        TrackViews.TrackChanges given = metadata == null ? TrackViews.TrackChanges.NONE : metadata;
        Ingestor.Ingested ingested = ingestor.direct(file.uploadedFile(), fileName, given.tags(), given.territoryCodes(), token.getSubject());
        return UploadResource.answer(null, ingested, uri);
    }
}
