package io.musicplatform.demo;

import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.wav.WavSaveOptions;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.KeyNotFoundException;
import org.jaudiotagger.tag.Tag;
import org.jaudiotagger.tag.TagOptionSingleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Small real audio files with tags of one's choosing: a copy of one of five seed files (a second
 * or so of sound each, in this module's resources) whose tags are written with jaudiotagger, the
 * library ingestion-service reads them with. Different tags give different bytes, so every file
 * made becomes a track of its own. The demo library and the ingestion benchmark are made this way.
 */
public final class TaggedAudio {

    /** The formats jaudiotagger can write (it has no Opus writer), with the content type an uploader sends. */
    public enum Format {
        MP3("mp3", "audio/mpeg"), FLAC("flac", "audio/flac"), M4A("m4a", "audio/mp4"), OGG("ogg", "audio/ogg"), WAV("wav", "audio/wav");

        private final String extension;
        private final String contentType;

        Format(String extension, String contentType) {
            this.extension = extension;
            this.contentType = contentType;
        }

        public String extension() {
            return extension;
        }

        public String contentType() {
            return contentType;
        }
    }

    /** The tags to write; {@code trackNumber} and {@code year} are written when positive. */
    public record Tags(String title, String artist, String album, String genre, int year, int trackNumber) {
    }

    static {
        // jaudiotagger logs every file it reads and writes at INFO.
        Logger.getLogger("org.jaudiotagger").setLevel(Level.WARNING);
        // A WAV file's tags written to its INFO chunk and its ID3 chunk alike, so that a reader finds the
        // new ones whichever it reads (with SAVE_BOTH, the seed's older ID3 title was read back).
        TagOptionSingleton.getInstance().setWavSaveOptions(WavSaveOptions.SAVE_BOTH_AND_SYNC);
    }

    private TaggedAudio() {
    }

    /** Writes {@code file}: the seed of {@code format} with {@code tags}. */
    public static Path write(Path file, Format format, Tags tags) {
        if (!file.getFileName().toString().endsWith("." + format.extension())) {
            // jaudiotagger chooses its reader and writer by the file's extension.
            throw new IllegalArgumentException(file + " must end with ." + format.extension());
        }
        try (InputStream seed = TaggedAudio.class.getResourceAsStream("/demo-audio/seed." + format.extension())) {
            if (seed == null) {
                throw new IllegalStateException("The seed file demo-audio/seed." + format.extension() + " is not on the class path");
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.copy(seed, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
        try {
            AudioFile audio = AudioFileIO.read(file.toFile());
            Tag tag = audio.getTagOrCreateAndSetDefault();
            // The seeds carry an album artist ("Various Artists") and a disc number of their own: left
            // in, they would file each track under another album than its artist's.
            for (FieldKey inherited : List.of(FieldKey.ALBUM_ARTIST, FieldKey.DISC_NO, FieldKey.DISC_TOTAL)) {
                try {
                    tag.deleteField(inherited);
                } catch (KeyNotFoundException | UnsupportedOperationException notInThisFormat) {
                    // Nothing of the kind to remove.
                }
            }
            tag.setField(FieldKey.TITLE, tags.title());
            tag.setField(FieldKey.ARTIST, tags.artist());
            tag.setField(FieldKey.ALBUM, tags.album());
            tag.setField(FieldKey.GENRE, tags.genre());
            if (tags.year() > 0) {
                tag.setField(FieldKey.YEAR, Integer.toString(tags.year()));
            }
            if (tags.trackNumber() > 0) {
                tag.setField(FieldKey.TRACK, Integer.toString(tags.trackNumber()));
            }
            audio.commit();
            return file;
        } catch (Exception e) {
            throw new IllegalStateException("Could not tag " + file + " as " + tags, e);
        }
    }

    /** The bytes of such a file, made in a temporary folder that is removed afterwards. */
    public static byte[] bytes(Format format, Tags tags) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("tagged-audio");
            return Files.readAllBytes(write(folder.resolve("track." + format.extension()), format, tags));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make a tagged " + format + " file", e);
        } finally {
            if (folder != null) {
                try (var files = Files.list(folder)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                    Files.deleteIfExists(folder);
                } catch (IOException ignored) {
                    // A temporary file left behind is harmless.
                }
            }
        }
    }
}
