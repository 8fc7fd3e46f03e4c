package io.musicplatform.search.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What a search and a suggestion answer: the API's types. */
public final class SearchResults {

    private SearchResults() {
    }

    /** What was asked: words (may be null when a filter is given), filters, and the page window. */
    public record SearchQuery(String q, String genre, String artist, Integer year, int from, int size) {
    }

    @Schema(name = "SearchPage", description = "One page of hits, best first, with the total and the genre facets of the whole result")
    public record Page(
            @Schema(description = "How many tracks match in all", examples = "42") long total,
            @Schema(examples = "0") int from,
            @Schema(examples = "10") int size,
            List<Hit> items,
            Facets facets) {
    }

    @Schema(name = "SearchHit")
    public record Hit(
            @Schema(examples = "3f1e2b9c-7a52-4d1e-9a0b-3c2d1e0f9a8b") String trackId,
            @Schema(examples = "One More Time") String title,
            @Schema(examples = "[\"Daft Punk\"]") List<String> artists,
            @Schema(examples = "Discovery", nullable = true) String album,
            @Schema(examples = "electronic", nullable = true) String genre,
            @Schema(examples = "2001", nullable = true) Integer year,
            @Schema(examples = "320357") long durationMs,
            @Schema(description = "Plays counted into the track's popularity", examples = "1024") long plays,
            @Schema(examples = "17.5") double score,
            Highlight highlight) {
    }

    @Schema(name = "SearchHighlight", description = "The matching words wrapped in <em>; the text is HTML-escaped, so it can be shown as HTML")
    public record Highlight(
            @Schema(examples = "<em>One</em> <em>More</em> Time", nullable = true) String title,
            @Schema(examples = "[\"<em>Daft</em> <em>Punk</em>\"]") List<String> artists,
            @Schema(nullable = true) String album) {
    }

    @Schema(name = "SearchFacets")
    public record Facets(@Schema(description = "Genres of the matching tracks, most frequent first (not narrowed by the genre filter)") List<Bucket> genre) {
    }

    @Schema(name = "FacetBucket")
    public record Bucket(@Schema(examples = "electronic") String value, @Schema(examples = "12") long count) {
    }

    @Schema(name = "Suggestions")
    public record Suggestions(List<Suggestion> items) {
    }

    @Schema(name = "Suggestion")
    public record Suggestion(
            @Schema(examples = "Daft Punk") String text,
            @Schema(description = "What the completion is: a track's title, an artist or an album", examples = "artist") Kind kind,
            @Schema(description = "The track the completion came from", examples = "3f1e2b9c-7a52-4d1e-9a0b-3c2d1e0f9a8b") String trackId) {
    }

    public enum Kind { title, artist, album }
}
