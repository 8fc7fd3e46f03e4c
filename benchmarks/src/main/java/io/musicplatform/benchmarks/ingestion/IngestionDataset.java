package io.musicplatform.benchmarks.ingestion;

import io.musicplatform.demo.TaggedAudio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A label's delivery for {@code bin/bench ingestion}: small files in the five formats of
 * {@link TaggedAudio} (demo-library), each with tags of its own (title, artist, album, genre, year,
 * track number), so that every file has different bytes and becomes a track of its own.
 */
final class IngestionDataset {

    private static final List<String> ARTISTS = List.of("Zaz", "Stromae", "Angèle", "Christine and the Queens", "Clara Luciani",
            "Aya Nakamura", "Daft Punk", "Air", "Phoenix", "Justice", "Mylène Farmer", "Édith Piaf", "Françoise Hardy", "M83");
    private static final List<String> GENRES = List.of("Pop", "Chanson", "Electronic", "Rock", "Jazz", "Hip-Hop", "Folk");
    private static final int TRACKS_PER_ALBUM = 12;

    /** A file made: where it is on local disk and the name it takes in the bucket. */
    record File(Path path, String name) {
    }

    private IngestionDataset() {
    }

    /** Makes {@code count} tagged files in {@code folder}, the formats in turn. */
    static List<File> make(Path folder, int count, long seed) throws java.io.IOException {
        Files.createDirectories(folder);
        SplittableRandom random = new SplittableRandom(seed);
        TaggedAudio.Format[] formats = TaggedAudio.Format.values();
        List<File> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            TaggedAudio.Format format = formats[i % formats.length];
            String artist = ARTISTS.get(random.nextInt(ARTISTS.size()));
            int album = i / TRACKS_PER_ALBUM;
            String title = "Chanson n°" + i + " (" + (i % 3 == 0 ? "été" : "night") + ")";
            Path file = TaggedAudio.write(folder.resolve(String.format("%05d.%s", i, format.extension())), format,
                    new TaggedAudio.Tags(title, artist, "Album " + album, GENRES.get(album % GENRES.size()), 1990 + album % 35,
                            i % TRACKS_PER_ALBUM + 1));
            files.add(new File(file, artist + " - " + title + "." + format.extension()));
        }
        return files;
    }
}
