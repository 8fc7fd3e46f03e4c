package io.musicplatform.benchmarks.search;

import io.musicplatform.events.TrackIngested;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A fixed mix of the searches listeners type, drawn (seeded) from the benchmark's own catalog, as
 * many of each kind: a typo in the longest word of a title ("midnihgt ocean"), a title typed without
 * its accents ("ete electrique"), the first letters of a title's words ("midn oce"), an artist's
 * surname with a title ("moreau midnight ocean"), and a word of a title within a genre.
 */
final class QueryMix {

    /** One search: its kind (for the report), the words typed and the genre filter (null for none). */
    record Query(String kind, String q, String genre) {
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private QueryMix() {
    }

    static List<Query> of(List<TrackIngested> tracks, int perKind, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Query> queries = new ArrayList<>();
        draw(tracks, perKind, random, track -> longestWord(track.title()).length() >= 5, track ->
                new Query("typo", lower(track.title()).replace(lower(longestWord(track.title())), transposed(lower(longestWord(track.title())))), null), queries);
        draw(tracks, perKind, random, track -> !fold(track.title()).equals(track.title()), track ->
                new Query("no accents", lower(fold(track.title())), null), queries);
        draw(tracks, perKind, random, track -> true, track -> new Query("prefixes", String.join(" ", Arrays.stream(words(track.title()))
                .limit(2).map(word -> word.substring(0, Math.min(word.length(), Math.max(3, (word.length() + 1) / 2)))).toList()).toLowerCase(Locale.ROOT), null), queries);
        draw(tracks, perKind, random, track -> true, track -> {
            String[] artist = words(track.artists().getFirst());
            return new Query("artist + title", lower(artist[artist.length - 1] + " " + track.title()), null);
        }, queries);
        draw(tracks, perKind, random, track -> track.genre() != null, track -> {
            String[] title = words(track.title());
            return new Query("word + genre", lower(title[random.nextInt(title.length)]), track.genre());
        }, queries);
        return List.copyOf(queries);
    }

    private static void draw(List<TrackIngested> tracks, int count, SplittableRandom random, Predicate<TrackIngested> fits,
                             java.util.function.Function<TrackIngested, Query> query, List<Query> into) {
        int drawn = 0;
        for (int attempt = 0; drawn < count && attempt < count * 1_000; attempt++) {
            TrackIngested track = tracks.get(random.nextInt(tracks.size()));
            if (fits.test(track)) {
                into.add(query.apply(track));
                drawn++;
            }
        }
        if (drawn < count) {
            throw new IllegalStateException("The catalog has too few tracks for " + count + " queries of one kind");
        }
    }

    /** Two letters in the middle of the word swapped: the typo people make most. */
    static String transposed(String word) {
        int at = word.length() / 2 - 1;
        char[] letters = word.toCharArray();
        char swapped = letters[at];
        letters[at] = letters[at + 1];
        letters[at + 1] = swapped;
        return new String(letters);
    }

    static String fold(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    }

    private static String longestWord(String title) {
        return Arrays.stream(words(title)).max(Comparator.comparingInt(String::length)).orElse("");
    }

    private static String[] words(String text) {
        return SPACES.split(text.replaceAll("[()]", "").strip());
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
