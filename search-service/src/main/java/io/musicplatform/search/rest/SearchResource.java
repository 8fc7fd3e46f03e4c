package io.musicplatform.search.rest;

import io.musicplatform.search.config.SearchConfig;
import io.musicplatform.search.service.SearchResults;
import io.musicplatform.search.service.SearchService;
import io.musicplatform.servicecore.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;

/**
 * Full-text search (UC-06) and completions as you type. Parameters arrive as text and are checked
 * here, so that every invalid one is named in the problem, whatever was wrong with it.
 */
@Path("")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search")
@APIResponse(responseCode = "401", description = "No valid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "The index cannot answer now; Retry-After says when to try again",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SearchResource {

    private static final int MAX_FILTER_LENGTH = 100;
    private static final int MAX_SUGGEST_LENGTH = 100;
    private static final int MAX_SUGGESTIONS = 20;

    private final SearchService search;
    private final SearchConfig config;

    @Context
    UriInfo uri;

    public SearchResource(SearchService search, SearchConfig config) {
        this.search = search;
        this.config = config;
    }

    @GET
    @Operation(operationId = "searchTracks", summary = "Search tracks by words of their title, artists and album, with typos and without accents")
    @APIResponse(responseCode = "200", description = "Hits, best first, with highlights, the total and genre facets",
            content = @Content(schema = @Schema(implementation = SearchResults.Page.class), examples = @ExampleObject(name = "daft punk one more", value = """
                    {"total": 1, "from": 0, "size": 10, "items": [{"trackId": "3f1e2b9c-7a52-4d1e-9a0b-3c2d1e0f9a8b",
                     "title": "One More Time", "artists": ["Daft Punk"], "album": "Discovery", "genre": "electronic",
                     "year": 2001, "durationMs": 320357, "plays": 1024, "score": 41.3,
                     "highlight": {"title": "<em>One</em> <em>More</em> Time", "artists": ["<em>Daft</em> <em>Punk</em>"], "album": null}}],
                     "facets": {"genre": [{"value": "electronic", "count": 1}]}}""")))
    @APIResponse(responseCode = "400", description = "A parameter is invalid: each is named in errors",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "from beyond the window", value = """
                    {"type": "about:blank", "title": "Invalid request", "status": 400, "detail": "from from + size must be at most 1000: refine the query instead of paging further",
                     "instance": "/api/search", "errors": [{"field": "from", "message": "from + size must be at most 1000: refine the query instead of paging further"}]}""")))
    public Uni<SearchResults.Page> searchTracks(
            @QueryParam("q") @Parameter(description = "Words of a title, artist or album, in any order; typos and missing accents are forgiven. Optional when a filter is given", example = "daft punk one more") String q,
            @QueryParam("genre") @Parameter(description = "Only this genre (case and accents ignored)", example = "electronic") String genre,
            @QueryParam("artist") @Parameter(description = "Only tracks of this artist, by full name (case and accents ignored)", example = "Daft Punk") String artist,
            @QueryParam("year") @Parameter(description = "Only tracks of this release year", example = "2001") String year,
            @QueryParam("from") @Parameter(description = "Hits to skip; from + size stays within the window (1000)", example = "0") String from,
            @QueryParam("size") @Parameter(description = "Hits per page, 1 to 50", example = "10") String size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String words = blankToNull(q);
        if (q != null && words == null && genre == null && artist == null && year == null) {
            errors.add(new Problem.FieldError("q", "must not be blank: give words to search for, or a genre, artist or year"));
        } else if (q == null && genre == null && artist == null && year == null) {
            errors.add(new Problem.FieldError("q", "is required: give words to search for, or a genre, artist or year"));
        }
        if (words != null && words.length() > config.query().maxLength()) {
            errors.add(new Problem.FieldError("q", "must be at most " + config.query().maxLength() + " characters"));
        }
        String genreFilter = filter("genre", genre, errors);
        String artistFilter = filter("artist", artist, errors);
        Integer releaseYear = number("year", year, null, 1000, 9999, errors);
        Integer skip = number("from", from, 0, 0, config.query().maxWindow(), errors);
        Integer pageSize = number("size", size, 10, 1, config.query().maxSize(), errors);
        if (skip != null && pageSize != null && skip + pageSize > config.query().maxWindow()) {
            errors.add(new Problem.FieldError("from", "from + size must be at most " + config.query().maxWindow()
                    + ": refine the query instead of paging further"));
        }
        if (!errors.isEmpty()) {
            throw SearchProblems.invalid(uri, errors);
        }
        return search.search(new SearchResults.SearchQuery(words, genreFilter, artistFilter, releaseYear, skip, pageSize));
    }

    @GET
    @Path("/suggest")
    @Operation(operationId = "suggestCompletions", summary = "Complete the first letters typed into titles, artists and albums, typos forgiven")
    @APIResponse(responseCode = "200", description = "Completions, most popular first",
            content = @Content(schema = @Schema(implementation = SearchResults.Suggestions.class), examples = @ExampleObject(name = "daf", value = """
                    {"items": [{"text": "Daft Punk", "kind": "artist", "trackId": "3f1e2b9c-7a52-4d1e-9a0b-3c2d1e0f9a8b"}]}""")))
    @APIResponse(responseCode = "400", description = "q missing, blank or too long; size out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SearchResults.Suggestions> suggestCompletions(
            @QueryParam("q") @Parameter(description = "The first letters typed", example = "daf", required = true) String q,
            @QueryParam("size") @Parameter(description = "Completions to return, 1 to 20", example = "8") String size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String prefix = blankToNull(q);
        if (prefix == null) {
            errors.add(new Problem.FieldError("q", "is required: the first letters of a title, artist or album"));
        } else if (prefix.length() > MAX_SUGGEST_LENGTH) {
            errors.add(new Problem.FieldError("q", "must be at most " + MAX_SUGGEST_LENGTH + " characters"));
        }
        Integer count = number("size", size, config.query().suggestions(), 1, MAX_SUGGESTIONS, errors);
        if (!errors.isEmpty()) {
            throw SearchProblems.invalid(uri, errors);
        }
        return search.suggest(prefix, count);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String filter(String field, String value, List<Problem.FieldError> errors) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            errors.add(new Problem.FieldError(field, "must not be blank; leave it out to search every " + field));
            return null;
        }
        if (value.length() > MAX_FILTER_LENGTH) {
            errors.add(new Problem.FieldError(field, "must be at most " + MAX_FILTER_LENGTH + " characters"));
            return null;
        }
        return value.strip();
    }

    private static Integer number(String field, String value, Integer absent, int min, int max, List<Problem.FieldError> errors) {
        if (value == null) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number < min || number > max) {
                errors.add(new Problem.FieldError(field, "must be between " + min + " and " + max));
                return null;
            }
            return number;
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldError(field, "must be a whole number between " + min + " and " + max));
            return null;
        }
    }
}
