package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.service.BrowseService;
import io.musicplatform.servicecore.api.Page;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;

/** The genres of the playable catalog, with their track counts. */
@Path("/genres")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Browse")
@APIResponse(responseCode = "401", description = "No valid access token")
public class GenreResource {

    private final BrowseService browse;

    public GenreResource(BrowseService browse) {
        this.browse = browse;
    }

    @GET
    @Operation(operationId = "listGenres", summary = "Genres by name, with their playable track counts")
    @APIResponse(responseCode = "200", description = "A page of genres")
    @APIResponse(responseCode = "400", description = "Limit or cursor not valid")
    public Uni<Page<BrowseViews.GenreSummary>> listGenres(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit,
                                                          @QueryParam("cursor") String cursor) {
        Optional<String> after = Optional.ofNullable(cursor).filter(c -> !c.isBlank())
                .map(c -> PageCursor.decode(c, 1, "/api/catalog/genres")[0]);
        return browse.genres(after, limit + 1).map(found -> Page.ofOneMore(found, limit,
                last -> PageCursor.encode(last.name()), g -> new BrowseViews.GenreSummary(g.name(), g.tracks())));
    }
}
