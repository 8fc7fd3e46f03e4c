package io.musicplatform.search.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.musicplatform.search.config.SearchConfig;
import io.musicplatform.search.index.IndexClient;
import io.musicplatform.search.index.TrackIndex;
import io.musicplatform.search.service.SearchResults.Bucket;
import io.musicplatform.search.service.SearchResults.Hit;
import io.musicplatform.search.service.SearchResults.SearchQuery;
import io.musicplatform.search.service.SearchResults.Suggestion;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Searches and completions over the alias. The query is built from match queries only, never from
 * the index's query-string syntax, so that what a listener types is always words: {@code title:(a OR}
 * is the words "title", "a" and "or", and {@code *} is no word at all (an empty result).
 *
 * <p>Ranking, highest first: the whole title exactly; every word in the title; every word in the
 * artists; every word in the album (each tier a constant, so a tier never falls behind a lower one);
 * then the words spread over title, artist and album ("daft punk one more"); then words that match
 * only with a typo ("midnigth ocaen") or as the start of a word ("midn"). Within a tier, relevance
 * (BM25) decides, multiplied by a gentle popularity factor.
 */
@ApplicationScoped
public class SearchService {

    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Words a query may hold; more are ignored (they hardly change a ranking, and each costs a fuzzy expansion). */
    private static final int MAX_WORDS = 12;
    private static final String[] SOURCE = {"trackId", "title", "artists", "album", "genre", "year", "durationMs", "plays"};

    private final IndexClient index;
    private final TrackIndex tracks;
    private final SearchConfig config;
    private final MeterRegistry registry;

    public SearchService(IndexClient index, TrackIndex tracks, SearchConfig config, MeterRegistry registry) {
        this.index = index;
        this.tracks = tracks;
        this.config = config;
        this.registry = registry;
        // Registered up front so that dashboards see the series before the first search.
        for (String operation : List.of("search", "suggest")) {
            for (String outcome : List.of("success", "unavailable", "error")) {
                timer(operation, outcome);
            }
        }
    }

    /** The words of a query, as the index's analyzer would cut them; empty when it holds none (only punctuation, {@code *}). */
    public static List<String> words(String q) {
        if (q == null) {
            return List.of();
        }
        Set<String> words = new LinkedHashSet<>();
        for (String word : NOT_A_WORD.split(q.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty() && words.size() < MAX_WORDS) {
                words.add(word);
            }
        }
        return List.copyOf(words);
    }

    public Uni<SearchResults.Page> search(SearchQuery query) {
        List<String> words = words(query.q());
        if (query.q() != null && words.isEmpty()) {
            // Only punctuation or operators: nothing to look for, and nothing to ask the index.
            return Uni.createFrom().item(new SearchResults.Page(0, query.from(), query.size(), List.of(),
                    new SearchResults.Facets(List.of())));
        }
        ObjectNode body = searchBody(query, words);
        return timed("search", index.send("POST", "/" + tracks.alias() + "/_search", body).map(answer -> page(query, answer)));
    }

    public Uni<SearchResults.Suggestions> suggest(String prefix, int size) {
        if (words(prefix).isEmpty()) {
            return Uni.createFrom().item(new SearchResults.Suggestions(List.of()));
        }
        ObjectNode body = index.object();
        body.put("size", 0);
        source(body.putArray("_source"));
        ObjectNode completion = body.putObject("suggest").putObject("tracks")
                .put("prefix", prefix.strip())
                .putObject("completion")
                .put("field", "suggest")
                .put("size", size)
                .put("skip_duplicates", true);
        completion.putObject("fuzzy").put("fuzziness", "AUTO").put("prefix_length", config.query().fuzzyPrefixLength());
        return timed("suggest", index.send("POST", "/" + tracks.alias() + "/_search", body).map(answer -> {
            List<Suggestion> items = new ArrayList<>();
            for (JsonNode option : answer.path("suggest").path("tracks").path(0).path("options")) {
                String text = option.path("text").asText();
                JsonNode source = option.path("_source");
                items.add(new Suggestion(text, kind(text, source), source.path("trackId").asText(option.path("_id").asText())));
            }
            return new SearchResults.Suggestions(items);
        }));
    }

    ObjectNode searchBody(SearchQuery query, List<String> words) {
        ObjectNode body = index.object();
        body.put("from", query.from());
        body.put("size", query.size());
        body.put("track_total_hits", true);
        source(body.putArray("_source"));

        ObjectNode bool = index.object();
        ArrayNode filter = bool.putArray("filter");
        filter.addObject().putObject("term").put("status", "AVAILABLE");
        if (query.artist() != null) {
            filter.addObject().putObject("match").putObject("artists.exact").put("query", query.artist());
        }
        if (query.year() != null) {
            filter.addObject().putObject("term").put("year", query.year());
        }
        if (words.isEmpty()) {
            // Filters alone: every match scores 1 before popularity, so the most played come first.
            bool.putArray("must").addObject().putObject("match_all");
        } else {
            String text = String.join(" ", words);
            ArrayNode should = bool.putArray("should");
            // Tiers: constant scores, far apart, so that relevance within a tier never reorders the tiers.
            should.add(constant(matchQuery("title.exact", query.q().strip(), false, false), 40));
            should.add(constant(matchQuery("title", text, true, true), 20));
            should.add(constant(matchQuery("artists", text, true, true), 12));
            should.add(constant(matchQuery("album", text, true, true), 6));
            should.add(constant(matchQuery("title.prefix", text, true, false), 4));
            should.add(constant(matchQuery("artists.prefix", text, true, false), 3));
            // Words spread over the fields, scored by relevance: "daft punk one more".
            ObjectNode crossFields = should.addObject().putObject("multi_match");
            crossFields.put("query", text).put("type", "cross_fields").put("operator", "and");
            crossFields.putArray("fields").add("title^3").add("artists^2").add("album");
            // Recall: each word may match any field, with a typo, most words must match.
            ObjectNode perWord = index.object();
            ArrayNode wordClauses = perWord.putObject("bool").putArray("should");
            for (String word : words) {
                ObjectNode multi = wordClauses.addObject().putObject("multi_match");
                multi.put("query", word).put("type", "best_fields")
                        .put("fuzziness", "AUTO").put("prefix_length", config.query().fuzzyPrefixLength());
                multi.putArray("fields").add("title^3").add("artists^2").add("album").add("title.prefix^0.5").add("artists.prefix^0.5");
            }
            ((ObjectNode) perWord.get("bool")).put("minimum_should_match", "2<75%");
            should.add(perWord);
            bool.put("minimum_should_match", 1);
        }

        ObjectNode functionScore = body.putObject("query").putObject("function_score");
        functionScore.set("query", index.object().set("bool", bool));
        ArrayNode functions = functionScore.putArray("functions");
        functions.addObject().put("weight", 1);
        functions.addObject().put("weight", config.query().popularityWeight())
                .putObject("field_value_factor").put("field", "plays").put("modifier", "log1p").put("missing", 0);
        functionScore.put("score_mode", "sum").put("boost_mode", "multiply");

        if (query.genre() != null) {
            // After the facets are counted, so that they still show the other genres to switch to.
            body.putObject("post_filter").putObject("match").putObject("genre").put("query", query.genre());
        }
        body.putObject("aggs").putObject("genres").putObject("terms")
                .put("field", "genre").put("size", config.query().genreFacets());
        if (!words.isEmpty()) {
            ObjectNode highlight = body.putObject("highlight");
            highlight.put("encoder", "html");
            highlight.putArray("pre_tags").add("<em>");
            highlight.putArray("post_tags").add("</em>");
            ObjectNode fields = highlight.putObject("fields");
            for (String field : List.of("title", "artists", "album")) {
                fields.putObject(field).put("number_of_fragments", 0);
            }
        }
        return body;
    }

    private ObjectNode matchQuery(String field, String text, boolean allWords, boolean fuzzy) {
        ObjectNode match = index.object();
        ObjectNode on = match.putObject("match").putObject(field);
        on.put("query", text);
        if (allWords) {
            on.put("operator", "and");
        }
        if (fuzzy) {
            on.put("fuzziness", "AUTO").put("prefix_length", config.query().fuzzyPrefixLength());
        }
        return match;
    }

    private ObjectNode constant(ObjectNode filter, double boost) {
        ObjectNode constant = index.object();
        constant.putObject("constant_score").put("boost", boost).set("filter", filter);
        return constant;
    }

    private SearchResults.Page page(SearchQuery query, JsonNode answer) {
        List<Hit> hits = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            JsonNode highlight = hit.path("highlight");
            hits.add(new Hit(source.path("trackId").asText(), source.path("title").asText(), strings(source.path("artists")),
                    text(source.path("album")), text(source.path("genre")),
                    source.hasNonNull("year") ? source.path("year").asInt() : null,
                    source.path("durationMs").asLong(), source.path("plays").asLong(0), hit.path("_score").asDouble(0),
                    new SearchResults.Highlight(text(highlight.path("title").path(0)), strings(highlight.path("artists")),
                            text(highlight.path("album").path(0)))));
        }
        List<Bucket> genres = new ArrayList<>();
        for (JsonNode bucket : answer.path("aggregations").path("genres").path("buckets")) {
            genres.add(new Bucket(bucket.path("key").asText(), bucket.path("doc_count").asLong()));
        }
        return new SearchResults.Page(answer.path("hits").path("total").path("value").asLong(), query.from(), query.size(), hits,
                new SearchResults.Facets(genres));
    }

    private static SearchResults.Kind kind(String text, JsonNode source) {
        String folded = fold(text);
        if (folded.equals(fold(source.path("title").asText()))) {
            return SearchResults.Kind.title;
        }
        for (JsonNode artist : source.path("artists")) {
            if (folded.equals(fold(artist.asText()))) {
                return SearchResults.Kind.artist;
            }
        }
        return SearchResults.Kind.album;
    }

    private static String fold(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    private static void source(ArrayNode fields) {
        for (String field : SOURCE) {
            fields.add(field);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private <T> Uni<T> timed(String operation, Uni<T> call) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return call.onItemOrFailure().invoke((item, failure) -> timer(operation,
                            failure == null ? "success" : failure instanceof IndexClient.IndexUnavailable ? "unavailable" : "error")
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS));
        });
    }

    private Timer timer(String operation, String outcome) {
        return Timer.builder("music.search.latency")
                .description("Time to answer a search or a suggestion, the index's round trip included")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }
}
