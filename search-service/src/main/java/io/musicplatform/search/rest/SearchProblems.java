package io.musicplatform.search.rest;

import io.musicplatform.search.index.IndexClient;
import io.musicplatform.servicecore.problem.Problem;
import io.musicplatform.servicecore.problem.ProblemMappers;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * The search endpoints' own problems: an index that cannot answer is a 503 with {@code Retry-After},
 * never the index's own error passed through; an invalid parameter is a 400 naming it.
 */
public class SearchProblems {

    private static final Logger LOG = Logger.getLogger(SearchProblems.class);
    static final int RETRY_AFTER_SECONDS = 5;
    private static final ProblemMappers INTERNAL = new ProblemMappers();

    @ServerExceptionMapper
    public Response unavailable(IndexClient.IndexUnavailable e, UriInfo uri) {
        LOG.warnf("Search index unavailable for %s: %s", uri.getPath(), e.getMessage());
        return retryLater(uri, "The search index cannot be reached right now; try again in a few seconds.");
    }

    @ServerExceptionMapper
    public Response refused(IndexClient.IndexRequestFailed e, UriInfo uri) {
        if (e.status() == 404 && "index_not_found_exception".equals(e.type())) {
            return retryLater(uri, "The search index is being created; try again in a few seconds.");
        }
        // Any other refusal means the service sent a request the index rejects: a bug, never the client's
        // fault, answered as every 5xx is (an error id, nothing of the index's message).
        return INTERNAL.internalError(e, uri);
    }

    private static Response retryLater(UriInfo uri, String detail) {
        Response problem = Problem.of(Response.Status.SERVICE_UNAVAILABLE, "Search unavailable", detail, uri.getRequestUri().getRawPath())
                .toResponse();
        return Response.fromResponse(problem).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }

    /** A 400 naming every parameter at fault. */
    static WebApplicationException invalid(UriInfo uri, List<Problem.FieldError> errors) {
        String detail = errors.stream().map(error -> error.field() + " " + error.message())
                .reduce((a, b) -> a + "; " + b).orElse("the request is not valid");
        return new WebApplicationException(Problem.of(Response.Status.BAD_REQUEST, "Invalid request", detail,
                uri.getRequestUri().getRawPath()).withErrors(errors).toResponse());
    }
}
