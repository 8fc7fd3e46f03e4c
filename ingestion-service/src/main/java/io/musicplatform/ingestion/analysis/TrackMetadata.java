package io.musicplatform.ingestion.analysis;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A track's descriptive fields as they will be published: what the request overrides, else what the
 * file's tags say, else, for the title and the artist, what the file's name says ("Artist - Title"),
 * with a warning for each field taken from the name or left unknown.
 */
public record TrackMetadata(String title, List<String> artists, String album, String albumArtist, String genre,
                            Integer year, Integer trackNumber, Integer discNumber, List<String> warnings) {

    /** The artist of a track whose tags and name say nothing of it; a correction (PATCH) can name the real one. */
    public static final String UNKNOWN_ARTIST = "Unknown artist";

    private static final Pattern EXTENSION = Pattern.compile("\\.[A-Za-z0-9]{1,5}$");

    public TrackMetadata {
        artists = List.copyOf(artists);
        warnings = List.copyOf(warnings);
    }

    public static TrackMetadata resolve(Tags file, Tags overrides, String fileName) {
        List<String> warnings = new ArrayList<>();
        String stem = fileName == null ? "" : EXTENSION.matcher(Normalizer.normalize(fileName, Normalizer.Form.NFC)).replaceFirst("");
        int dash = stem.indexOf(" - ");
        String nameArtist = dash > 0 ? Tags.text(stem.substring(0, dash)) : null;
        String nameTitle = Tags.text(dash > 0 ? stem.substring(dash + 3) : stem);

        String title = first(overrides.title(), file.title());
        if (title == null) {
            if (nameTitle == null) {
                throw new Rejected("untitled", "the file has no title tag and its name gives none: send a title");
            }
            title = nameTitle;
            warnings.add("The file has no title tag: the title \"" + title + "\" comes from the file name.");
        }
        List<String> artists = !overrides.artists().isEmpty() ? overrides.artists() : file.artists();
        if (artists.isEmpty()) {
            if (nameArtist != null) {
                artists = List.of(nameArtist);
                warnings.add("The file has no artist tag: the artist \"" + nameArtist + "\" comes from the file name.");
            } else {
                artists = List.of(UNKNOWN_ARTIST);
                warnings.add("Neither the file's tags nor its name (\"Artist - Title\") name an artist: it is \""
                        + UNKNOWN_ARTIST + "\" until corrected.");
            }
        }
        String albumArtist = first(overrides.albumArtist(), file.albumArtist());
        if (albumArtist != null && albumArtist.equals(artists.getFirst())) {
            albumArtist = null; // the event names the album's artist only when it differs from the track's
        }
        return new TrackMetadata(title, artists, first(overrides.album(), file.album()), albumArtist,
                first(overrides.genre(), file.genre()), first(overrides.year(), file.year()),
                first(overrides.trackNumber(), file.trackNumber()), first(overrides.discNumber(), file.discNumber()), warnings);
    }

    private static <T> T first(T override, T tag) {
        return override != null ? override : tag;
    }
}
