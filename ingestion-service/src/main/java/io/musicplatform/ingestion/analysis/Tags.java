package io.musicplatform.ingestion.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file's tags say, cleaned up: no surrounding blanks, no NUL or other control characters (WAV
 * INFO chunks and ID3 strings carry them), numbers parsed from "3/12" or "2004-05-01". Any field may be
 * absent.
 */
public record Tags(String title, List<String> artists, String album, String albumArtist, String genre,
                   Integer year, Integer trackNumber, Integer discNumber) {

    public static final Tags NONE = new Tags(null, List.of(), null, null, null, null, null, null);

    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*0*(\\d{1,9})");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    public Tags {
        artists = List.copyOf(artists);
    }

    /** Tags from raw values as a tag library gives them; {@code artists} may hold one value with several names. */
    public static Tags of(String title, List<String> artists, String album, String albumArtist, String genre,
                          String year, String track, String disc) {
        List<String> names = new ArrayList<>();
        for (String value : artists) {
            // "A; B" is how most taggers write several artists in one field; "/" is not split: AC/DC.
            for (String name : String.valueOf(value).split(";")) {
                String clean = text(name);
                if (clean != null && !names.contains(clean)) {
                    names.add(clean);
                }
            }
        }
        Integer parsedYear = number(YEAR, year);
        return new Tags(text(title), names, text(album), text(albumArtist), text(genre),
                parsedYear != null && parsedYear >= 1000 && parsedYear <= 9999 ? parsedYear : null,
                positive(number(LEADING_NUMBER, track)), positive(number(LEADING_NUMBER, disc)));
    }

    /** A tag value without control characters and surrounding blanks, or null when nothing is left. */
    public static String text(String value) {
        if (value == null) {
            return null;
        }
        String clean = value.replaceAll("[\\p{Cntrl}\\uFEFF\\u200B]", " ").strip().replaceAll("\\s+", " ");
        return clean.isEmpty() ? null : clean;
    }

    private static Integer number(Pattern pattern, String value) {
        if (value == null) {
            return null;
        }
        Matcher matcher = pattern.matcher(value);
        return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
    }

    private static Integer positive(Integer number) {
        return number != null && number >= 1 ? number : null;
    }

    /** The Vorbis comment key for a field, upper case, as Ogg files write them. */
    static String key(String comment) {
        int equals = comment.indexOf('=');
        return equals < 0 ? "" : comment.substring(0, equals).toUpperCase(Locale.ROOT);
    }
}
