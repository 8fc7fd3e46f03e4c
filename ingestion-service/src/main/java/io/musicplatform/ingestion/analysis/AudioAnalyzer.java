package io.musicplatform.ingestion.analysis;

import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.AudioHeader;
import org.jaudiotagger.audio.mp3.MP3AudioHeader;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Analyses an audio file on local disk: the format from its magic bytes ({@link FormatSniffer}), its
 * SHA-256, then its headers and tags with jaudiotagger, told the sniffed format (it picks its reader by
 * extension, and the file's name is not to be trusted), or {@link OpusReader} for Opus, which it cannot
 * read. A file whose audio cannot be read, or whose header announces more audio than the file holds,
 * is {@link Rejected}. Blocking: call it on a worker thread.
 */
public final class AudioAnalyzer {

    /** A cut file holds less than its header announces; less than this share of it is refused. */
    private static final double LEAST_SHARE_PRESENT = 0.9;
    /** What an MP3 may lack beyond that share without being called cut: a few frames, an ID3v1 tag. */
    private static final long SLACK_BYTES = 2048;

    static {
        // jaudiotagger logs every unreadable file at SEVERE; here each one becomes a Rejected with its reason.
        Logger.getLogger("org.jaudiotagger").setLevel(Level.OFF);
    }

    private AudioAnalyzer() {
    }

    public static AudioAnalysis analyze(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw new Rejected("empty", "the file is empty");
        }
        byte[] head = new byte[FormatSniffer.HEAD_BYTES];
        int headLength;
        String sha256;
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            headLength = in.readNBytes(head, 0, head.length);
            in.transferTo(java.io.OutputStream.nullOutputStream()); // only the digest needs the rest
            sha256 = HexFormat.of().formatHex(digest.digest());
        }
        AudioFormat format = FormatSniffer.sniff(head, headLength);
        if (format == AudioFormat.OPUS) {
            OpusReader.Opus opus = OpusReader.read(file);
            long bitrate = opus.durationMs() > 0 ? Math.max(1, size * 8 / opus.durationMs()) : 0;
            return new AudioAnalysis(format, size, sha256, Math.max(1, opus.durationMs()), bitrate > 0 ? (int) bitrate : null,
                    48_000, opus.tags());
        }
        AudioFile audio = read(file, format);
        AudioHeader header = audio.getAudioHeader();
        double seconds = header.getPreciseTrackLength();
        if (!(seconds > 0)) {
            throw new Rejected("corrupt", "the file is " + name(format) + " but holds no audio");
        }
        if (format == AudioFormat.M4A && !String.valueOf(header.getEncodingType()).toLowerCase(Locale.ROOT).contains("aac")) {
            throw new Rejected("unsupported", "the file is an MP4 container of " + header.getEncodingType() + " audio; only AAC is accepted in M4A");
        }
        requireAllAudioPresent(format, header, size, seconds);
        long bitrate = header.getBitRateAsNumber();
        int sampleRate = header.getSampleRateAsNumber();
        return new AudioAnalysis(format, size, sha256, Math.max(1, Math.round(seconds * 1000)),
                bitrate > 0 ? (int) bitrate : null, sampleRate > 0 ? sampleRate : null, tags(audio.getTag()));
    }

    private static AudioFile read(Path file, AudioFormat format) {
        try {
            return AudioFileIO.readAs(file.toFile(), format.extension());
        } catch (Exception | LinkageError e) {
            // Its messages name our temporary file: the uploader gets the kind of failure, the log the details.
            throw new Rejected("corrupt", "the file starts like " + name(format) + " but its audio cannot be read ("
                    + e.getClass().getSimpleName().replaceAll("Exception$", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT)
                    + "): it is damaged or not audio", e);
        }
    }

    /** Refuses a file whose header announces more audio than it holds: cut during a transfer, or forged. */
    private static void requireAllAudioPresent(AudioFormat format, AudioHeader header, long size, double seconds) {
        Long end = header.getAudioDataEndPosition();
        Long start = header.getAudioDataStartPosition();
        if (end != null && end > size) {
            long declared = end - (start == null ? 0 : start);
            long present = size - (start == null ? 0 : start);
            throw cut(format, seconds, seconds * Math.max(0, present) / declared);
        }
        if (header instanceof MP3AudioHeader mp3 && header.getBitRateAsNumber() > 0) {
            long present = size - mp3.getMp3StartByte();
            double expected = header.getBitRateAsNumber() * 1000 / 8.0 * seconds;
            if (present < expected * LEAST_SHARE_PRESENT - SLACK_BYTES) {
                throw cut(format, seconds, seconds * present / expected);
            }
        }
    }

    private static Rejected cut(AudioFormat format, double declaredSeconds, double presentSeconds) {
        return new Rejected("truncated", String.format(Locale.ROOT,
                "the %s header announces %.1f s of audio but the file holds only about %.1f s: it was cut short or is damaged",
                name(format), declaredSeconds, presentSeconds));
    }

    private static Tags tags(Tag tag) {
        if (tag == null) {
            return Tags.NONE;
        }
        return Tags.of(field(tag, FieldKey.TITLE), artists(tag), field(tag, FieldKey.ALBUM), field(tag, FieldKey.ALBUM_ARTIST),
                field(tag, FieldKey.GENRE), field(tag, FieldKey.YEAR), field(tag, FieldKey.TRACK), field(tag, FieldKey.DISC_NO));
    }

    private static List<String> artists(Tag tag) {
        try {
            List<String> all = tag.getAll(FieldKey.ARTIST);
            return all == null ? List.of() : all;
        } catch (RuntimeException e) {
            String one = field(tag, FieldKey.ARTIST);
            return one == null ? List.of() : List.of(one);
        }
    }

    /** A field's first value; a format that lacks the field (WAV has no disc number) throws, which means none. */
    private static String field(Tag tag, FieldKey key) {
        try {
            return tag.getFirst(key);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String name(AudioFormat format) {
        return switch (format) {
            case MP3 -> "MP3";
            case FLAC -> "FLAC";
            case OGG_VORBIS -> "Ogg Vorbis";
            case OPUS -> "Opus";
            case M4A -> "M4A";
            case WAV -> "WAV";
        };
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

}
