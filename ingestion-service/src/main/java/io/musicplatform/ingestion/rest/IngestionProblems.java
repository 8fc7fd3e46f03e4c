package io.musicplatform.ingestion.rest;

import io.musicplatform.ingestion.analysis.Rejected;
import io.musicplatform.ingestion.service.IngestionRefused;
import io.musicplatform.servicecore.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** The problem+json answer of each refusal of ingestion. */
public class IngestionProblems {

    @ServerExceptionMapper
    public Response refused(IngestionRefused refused, UriInfo uri) {
        String path = uri.getRequestUri().getRawPath();
        return switch (refused) {
            case IngestionRefused.NoSuchUpload e -> Problem.of(Response.Status.NOT_FOUND, "No such upload", e.getMessage(), path).toResponse();
            case IngestionRefused.NoSuchJob e -> Problem.of(Response.Status.NOT_FOUND, "No such job", e.getMessage(), path).toResponse();
            case IngestionRefused.NoSuchTrack e -> Problem.of(Response.Status.NOT_FOUND, "No such track", e.getMessage(), path).toResponse();
            case IngestionRefused.AlreadyCompleted e -> Problem.of(Response.Status.CONFLICT, "Upload already completed", e.getMessage(), path)
                    .toResponse();
            case IngestionRefused.NotUploaded e -> Problem.of(Response.Status.CONFLICT, "Nothing uploaded yet", e.getMessage(), path).toResponse();
            case IngestionRefused.InvalidField e -> Problem.of(Response.Status.BAD_REQUEST, "Invalid request", e.field + " " + e.getMessage(), path)
                    .withErrors(List.of(new Problem.FieldError(e.field, e.getMessage()))).toResponse();
            case IngestionRefused.TooLarge e -> Problem.of(413, "File too large", e.getMessage(), path).toResponse();
            default -> Problem.of(Response.Status.BAD_REQUEST, "Refused", refused.getMessage(), path).toResponse();
        };
    }

    /** A file that is not whole audio of a supported format: nothing of it was kept. */
    @ServerExceptionMapper
    public Response rejected(Rejected rejected, UriInfo uri) {
        return Problem.of(422, "Not an acceptable audio file",
                        "The file was refused and deleted: " + rejected.getMessage() + ".", uri.getRequestUri().getRawPath())
                .withErrors(List.of(new Problem.FieldError("file", rejected.reason() + ": " + rejected.getMessage()))).toResponse();
    }
}
