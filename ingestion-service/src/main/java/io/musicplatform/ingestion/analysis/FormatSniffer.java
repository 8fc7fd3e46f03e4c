package io.musicplatform.ingestion.analysis;

import java.nio.charset.StandardCharsets;

/**
 * Tells an audio format from the first bytes of a file, never from its name: a text, an image or an
 * archive renamed to {@code .mp3} is refused here, with what it looks like instead.
 */
public final class FormatSniffer {

    /** How many leading bytes {@link #sniff} needs to see (more is fine). */
    public static final int HEAD_BYTES = 64 * 1024;

    private FormatSniffer() {
    }

    /** The format of a file that begins with {@code head} ({@code length} bytes of it are valid). */
    public static AudioFormat sniff(byte[] head, int length) {
        if (length == 0) {
            throw new Rejected("empty", "the file is empty");
        }
        if (startsWith(head, length, 0, "fLaC")) {
            return AudioFormat.FLAC;
        }
        if (startsWith(head, length, 0, "RIFF") && startsWith(head, length, 8, "WAVE")) {
            return AudioFormat.WAV;
        }
        if (startsWith(head, length, 4, "ftyp")) {
            return AudioFormat.M4A;
        }
        if (startsWith(head, length, 0, "OggS")) {
            return ogg(head, length);
        }
        if (startsWith(head, length, 0, "ID3")) {
            // An ID3v2 tag (10-byte header, synchsafe size) precedes the first MPEG frame.
            if (length < 10) {
                throw new Rejected("truncated", "the file ends inside its ID3 tag");
            }
            long tagSize = ((head[6] & 0x7F) << 21) | ((head[7] & 0x7F) << 14) | ((head[8] & 0x7F) << 7) | (head[9] & 0x7F);
            long audioStart = 10 + tagSize + ((head[5] & 0x10) != 0 ? 10 : 0);
            if (audioStart + 4 <= length && startsWith(head, length, (int) audioStart, "fLaC")) {
                return AudioFormat.FLAC;
            }
            return AudioFormat.MP3;
        }
        if (isMpegAudioFrame(head, length, 0)) {
            return AudioFormat.MP3;
        }
        throw new Rejected("not-audio", "the content is " + describe(head, length) + ", not audio of a supported format "
                + "(MP3, FLAC, Ogg Vorbis, Opus, M4A/AAC or WAV)");
    }

    private static AudioFormat ogg(byte[] head, int length) {
        // The first page holds the first packet alone; it names the codec.
        if (length < 27) {
            throw new Rejected("truncated", "the file ends inside its first Ogg page");
        }
        int segments = head[26] & 0xFF;
        int packet = 27 + segments;
        if (startsWith(head, length, packet, "OpusHead")) {
            return AudioFormat.OPUS;
        }
        if (packet + 7 <= length && head[packet] == 1 && startsWith(head, length, packet + 1, "vorbis")) {
            return AudioFormat.OGG_VORBIS;
        }
        throw new Rejected("unsupported", "the file is an Ogg stream of a codec other than Vorbis or Opus");
    }

    /** An MPEG-1/2/2.5 Layer III frame header at {@code offset}: 11 sync bits, a layer, a bit rate and a sample rate that exist. */
    static boolean isMpegAudioFrame(byte[] head, int length, int offset) {
        if (offset + 4 > length) {
            return false;
        }
        int b1 = head[offset] & 0xFF;
        int b2 = head[offset + 1] & 0xFF;
        int b3 = head[offset + 2] & 0xFF;
        boolean sync = b1 == 0xFF && (b2 & 0xE0) == 0xE0;
        boolean version = (b2 & 0x18) != 0x08;
        boolean layer3 = (b2 & 0x06) == 0x02;
        boolean bitRate = (b3 & 0xF0) != 0xF0 && (b3 & 0xF0) != 0;
        boolean sampleRate = (b3 & 0x0C) != 0x0C;
        return sync && version && layer3 && bitRate && sampleRate;
    }

    /** What a refused file looks like, for the uploader: "a PNG image", "a ZIP archive", "text"... */
    static String describe(byte[] head, int length) {
        if (startsWith(head, length, 0, "\u0089PNG")) {
            return "a PNG image";
        }
        if (length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return "a JPEG image";
        }
        if (startsWith(head, length, 0, "GIF8")) {
            return "a GIF image";
        }
        if (startsWith(head, length, 0, "PK\u0003\u0004") || startsWith(head, length, 0, "PK\u0005\u0006")) {
            return "a ZIP archive";
        }
        if (startsWith(head, length, 0, "%PDF")) {
            return "a PDF document";
        }
        if (startsWith(head, length, 0, "RIFF")) {
            return "a RIFF file that is not WAVE audio";
        }
        if (looksLikeText(head, Math.min(length, 4096))) {
            return "text";
        }
        return "unrecognised binary data";
    }

    private static boolean looksLikeText(byte[] head, int length) {
        String text = new String(head, 0, length, StandardCharsets.UTF_8);
        long odd = text.chars().filter(c -> c == 0xFFFD || (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')).count();
        return odd == 0;
    }

    private static boolean startsWith(byte[] head, int length, int offset, String ascii) {
        if (offset < 0 || offset + ascii.length() > length) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if ((head[offset + i] & 0xFF) != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
