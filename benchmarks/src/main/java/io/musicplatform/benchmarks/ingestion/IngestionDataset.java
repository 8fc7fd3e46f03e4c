package io.musicplatform.benchmarks.ingestion;

import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A label's delivery for {@code bin/bench ingestion}: small files in five formats, each a copy of one
 * of ingestion-service's committed fixtures with tags of its own (title, artist, album, genre, year,
 * track number), so that every file has different bytes and becomes a track of its own. Tags are
 * written with jaudiotagger, the library ingestion-service reads them with.
 */
final class IngestionDataset {

    /** The fixtures whose formats jaudiotagger can write (it has no Opus writer). */
    static final List<String> FIXTURES = List.of("tagged.mp3", "tagged.flac", "tagged.m4a", "tagged.ogg", "tagged.wav");
    private static final List<String> ARTISTS = List.of("Zaz", "Stromae", "Angèle", "Christine and the Queens", "Clara Luciani",
            "Aya Nakamura", "Daft Punk", "Air", "Phoenix", "Justice", "Mylène Farmer", "Édith Piaf", "Françoise Hardy", "M83");
    private static final List<String> GENRES = List.of("Pop", "Chanson", "Electronic", "Rock", "Jazz", "Hip-Hop", "Folk");
    private static final int TRACKS_PER_ALBUM = 12;

    /** A file made: where it is on local disk and the name it takes in the bucket. */
    record File(Path path, String name) {
    }

    private IngestionDataset() {
    }

    /** Makes {@code count} tagged files in {@code folder} from the fixtures in {@code fixtures}. */
    static List<File> make(Path fixtures, Path folder, int count, long seed) throws IOException {
        for (String fixture : FIXTURES) {
            if (!Files.isRegularFile(fixtures.resolve(fixture))) {
                throw new IllegalStateException("Fixture " + fixtures.resolve(fixture) + " is missing: run bin/bench from the checkout's root");
            }
        }
        // jaudiotagger logs each file it reads and writes at INFO.
        Logger.getLogger("org.jaudiotagger").setLevel(Level.WARNING);
        Files.createDirectories(folder);
        SplittableRandom random = new SplittableRandom(seed);
        List<File> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String fixture = FIXTURES.get(i % FIXTURES.size());
            String extension = fixture.substring(fixture.lastIndexOf('.'));
            String artist = ARTISTS.get(random.nextInt(ARTISTS.size()));
            int album = i / TRACKS_PER_ALBUM;
            String title = "Chanson n°" + i + " (" + (i % 3 == 0 ? "été" : "night") + ")";
            Path file = folder.resolve(String.format("%05d%s", i, extension));
            Files.copy(fixtures.resolve(fixture), file, StandardCopyOption.REPLACE_EXISTING);
            try {
                AudioFile audio = AudioFileIO.read(file.toFile());
                Tag tag = audio.getTagOrCreateAndSetDefault();
                tag.setField(FieldKey.TITLE, title);
                tag.setField(FieldKey.ARTIST, artist);
                tag.setField(FieldKey.ALBUM, "Album " + album);
                tag.setField(FieldKey.GENRE, GENRES.get(album % GENRES.size()));
                tag.setField(FieldKey.YEAR, Integer.toString(1990 + album % 35));
                tag.setField(FieldKey.TRACK, Integer.toString(i % TRACKS_PER_ALBUM + 1));
                audio.commit();
            } catch (Exception e) {
                throw new IllegalStateException("Could not tag " + file + " (a copy of " + fixture + ")", e);
            }
            files.add(new File(file, artist + " - " + title + extension));
        }
        return files;
    }
}
