package io.musicplatform.benchmarks.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code _search} body search-service sends for {@code GET /api/search?q=&genre=} (its
 * {@code SearchService.searchBody}, with its default settings: fuzzy prefix length 1, popularity
 * weight 0.1, 20 genre facets, page of 10), rebuilt here so that the benchmark can send the very same
 * query straight to the index. The benchmark does not take it on trust: before measuring, it sends
 * every query of its mix both ways and requires the same total, the same hits in the same order with
 * the same scores, and the same facets ({@link SearchBenchmark}); a change to the service's query
 * that this class does not follow stops the run.
 */
final class SearchQueryBody {

    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int MAX_WORDS = 12;
    private static final int FUZZY_PREFIX_LENGTH = 1;
    private static final double POPULARITY_WEIGHT = 0.1;
    private static final int GENRE_FACETS = 20;
    static final int PAGE_SIZE = 10;
    private static final List<String> SOURCE = List.of("trackId", "title", "artists", "album", "genre", "year", "durationMs", "plays");

    private final ObjectMapper json;

    SearchQueryBody(ObjectMapper json) {
        this.json = json;
    }

    /** The body for words {@code q} (stripped, not blank) and an optional genre filter. */
    ObjectNode of(String q, String genre) {
        List<String> words = words(q);
        ObjectNode body = json.createObjectNode();
        body.put("from", 0);
        body.put("size", PAGE_SIZE);
        body.put("track_total_hits", true);
        ArrayNode source = body.putArray("_source");
        SOURCE.forEach(source::add);

        ObjectNode bool = json.createObjectNode();
        bool.putArray("filter").addObject().putObject("term").put("status", "AVAILABLE");
        String text = String.join(" ", words);
        ArrayNode should = bool.putArray("should");
        should.add(constant(match("title.exact", q, false, false), 40));
        should.add(constant(match("title", text, true, true), 20));
        should.add(constant(match("artists", text, true, true), 12));
        should.add(constant(match("album", text, true, true), 6));
        should.add(constant(match("title.prefix", text, true, false), 4));
        should.add(constant(match("artists.prefix", text, true, false), 3));
        ObjectNode crossFields = should.addObject().putObject("multi_match");
        crossFields.put("query", text).put("type", "cross_fields").put("operator", "and");
        crossFields.putArray("fields").add("title^3").add("artists^2").add("album");
        ObjectNode perWord = json.createObjectNode();
        ArrayNode wordClauses = perWord.putObject("bool").putArray("should");
        for (String word : words) {
            ObjectNode multi = wordClauses.addObject().putObject("multi_match");
            multi.put("query", word).put("type", "best_fields").put("fuzziness", "AUTO").put("prefix_length", FUZZY_PREFIX_LENGTH);
            multi.putArray("fields").add("title^3").add("artists^2").add("album").add("title.prefix^0.5").add("artists.prefix^0.5");
        }
        ((ObjectNode) perWord.get("bool")).put("minimum_should_match", "2<75%");
        should.add(perWord);
        bool.put("minimum_should_match", 1);

        ObjectNode functionScore = body.putObject("query").putObject("function_score");
        functionScore.set("query", json.createObjectNode().set("bool", bool));
        ArrayNode functions = functionScore.putArray("functions");
        functions.addObject().put("weight", 1);
        functions.addObject().put("weight", POPULARITY_WEIGHT)
                .putObject("field_value_factor").put("field", "plays").put("modifier", "log1p").put("missing", 0);
        functionScore.put("score_mode", "sum").put("boost_mode", "multiply");

        if (genre != null) {
            body.putObject("post_filter").putObject("match").putObject("genre").put("query", genre);
        }
        body.putObject("aggs").putObject("genres").putObject("terms").put("field", "genre").put("size", GENRE_FACETS);
        ObjectNode highlight = body.putObject("highlight");
        highlight.put("encoder", "html");
        highlight.putArray("pre_tags").add("<em>");
        highlight.putArray("post_tags").add("</em>");
        ObjectNode fields = highlight.putObject("fields");
        for (String field : List.of("title", "artists", "album")) {
            fields.putObject(field).put("number_of_fragments", 0);
        }
        return body;
    }

    /** The words of a query as the service cuts them: lowercased, split on anything but letters and digits, distinct, 12 at most. */
    static List<String> words(String q) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : NOT_A_WORD.split(q.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty() && words.size() < MAX_WORDS) {
                words.add(word);
            }
        }
        return List.copyOf(words);
    }

    private ObjectNode match(String field, String text, boolean allWords, boolean fuzzy) {
        ObjectNode match = json.createObjectNode();
        ObjectNode on = match.putObject("match").putObject(field);
        on.put("query", text);
        if (allWords) {
            on.put("operator", "and");
        }
        if (fuzzy) {
            on.put("fuzziness", "AUTO").put("prefix_length", FUZZY_PREFIX_LENGTH);
        }
        return match;
    }

    private ObjectNode constant(ObjectNode filter, double boost) {
        ObjectNode constant = json.createObjectNode();
        constant.putObject("constant_score").put("boost", boost).set("filter", filter);
        return constant;
    }
}
