package io.musicplatform.ingestion.analysis;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an Ogg Opus file (RFC 7845) page by page, since jaudiotagger has no Opus reader: the OpusHead
 * packet (channels, pre-skip, input sample rate), the OpusTags packet (Vorbis comments), and the
 * granule position of the last page, which gives the duration at Opus's fixed 48 kHz. Every page's
 * CRC is checked, so a damaged or cut file is refused rather than half read.
 */
public final class OpusReader {

    /** What an Opus file holds. */
    public record Opus(int channels, int inputSampleRateHz, long durationMs, Tags tags) {
    }

    private static final int OPUS_RATE = 48_000;
    private static final int[] CRC = crcTable();

    private OpusReader() {
    }

    public static Opus read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            return read(in);
        }
    }

    static Opus read(InputStream in) throws IOException {
        Integer serial = null;
        List<byte[]> packets = new ArrayList<>();
        java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();
        long lastGranule = -1;
        int pages = 0;
        byte[] header = new byte[27];
        while (true) {
            int read = in.readNBytes(header, 0, 27);
            if (read == 0) {
                break;
            }
            if (read < 27) {
                throw new Rejected("truncated", "the Opus file ends in the middle of an Ogg page: it was cut short");
            }
            if (header[0] != 'O' || header[1] != 'g' || header[2] != 'g' || header[3] != 'S') {
                throw new Rejected("corrupt", "the Opus file has damaged data after page " + pages + " (no Ogg page where one must start)");
            }
            int segments = header[26] & 0xFF;
            byte[] lacing = in.readNBytes(segments);
            int bodyLength = 0;
            for (byte lace : lacing) {
                bodyLength += lace & 0xFF;
            }
            byte[] body = in.readNBytes(bodyLength);
            if (lacing.length < segments || body.length < bodyLength) {
                throw new Rejected("truncated", "the Opus file ends in the middle of an Ogg page: it was cut short");
            }
            if (crc(header, lacing, body) != ByteBuffer.wrap(header, 22, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()) {
                throw new Rejected("corrupt", "the Opus file is damaged: Ogg page " + pages + " fails its checksum");
            }
            pages++;
            ByteBuffer fields = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            int pageSerial = fields.getInt(14);
            if (serial == null) {
                serial = pageSerial;
            } else if (pageSerial != serial) {
                continue; // another logical stream (a chained or multiplexed file): only the first is read
            }
            long granule = fields.getLong(6);
            if (granule != -1) {
                lastGranule = granule;
            }
            if (packets.size() < 2) {
                int offset = 0;
                for (byte lace : lacing) {
                    int size = lace & 0xFF;
                    partial.write(body, offset, size);
                    offset += size;
                    if (size < 255 && packets.size() < 2) {
                        packets.add(partial.toByteArray());
                        partial.reset();
                    }
                }
            }
        }
        if (packets.size() < 2) {
            throw new Rejected("truncated", "the Opus file lacks its " + (packets.isEmpty() ? "OpusHead" : "OpusTags") + " header");
        }
        ByteBuffer head = ByteBuffer.wrap(packets.get(0)).order(ByteOrder.LITTLE_ENDIAN);
        if (head.remaining() < 19 || !ascii(packets.get(0), 0, 8).equals("OpusHead")) {
            throw new Rejected("corrupt", "the Opus file's first packet is not an OpusHead header");
        }
        int channels = head.get(9) & 0xFF;
        int preSkip = head.getShort(10) & 0xFFFF;
        long inputRate = head.getInt(12) & 0xFFFFFFFFL;
        long samples = lastGranule - preSkip;
        if (samples <= 0) {
            throw new Rejected("corrupt", "the Opus file holds no audio");
        }
        return new Opus(channels, inputRate == 0 ? OPUS_RATE : (int) inputRate, samples * 1000 / OPUS_RATE, comments(packets.get(1)));
    }

    /** The Vorbis comments of an OpusTags packet. */
    private static Tags comments(byte[] packet) {
        if (packet.length < 16 || !ascii(packet, 0, 8).equals("OpusTags")) {
            throw new Rejected("corrupt", "the Opus file's second packet is not an OpusTags header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(packet).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(8);
        try {
            int vendor = buffer.getInt();
            buffer.position(buffer.position() + vendor);
            long count = buffer.getInt() & 0xFFFFFFFFL;
            String title = null, album = null, albumArtist = null, genre = null, date = null, track = null, disc = null;
            List<String> artists = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                int length = buffer.getInt();
                if (length < 0 || length > buffer.remaining()) {
                    throw new Rejected("corrupt", "the Opus file's tags are damaged");
                }
                byte[] bytes = new byte[length];
                buffer.get(bytes);
                String comment = new String(bytes, StandardCharsets.UTF_8);
                String value = comment.substring(comment.indexOf('=') + 1);
                switch (Tags.key(comment)) {
                    case "TITLE" -> title = first(title, value);
                    case "ARTIST" -> artists.add(value);
                    case "ALBUM" -> album = first(album, value);
                    case "ALBUMARTIST", "ALBUM ARTIST", "ALBUM_ARTIST" -> albumArtist = first(albumArtist, value);
                    case "GENRE" -> genre = first(genre, value);
                    case "DATE", "YEAR" -> date = first(date, value);
                    case "TRACKNUMBER" -> track = first(track, value);
                    case "DISCNUMBER" -> disc = first(disc, value);
                    default -> {
                    }
                }
            }
            return Tags.of(title, artists, album, albumArtist, genre, date, track, disc);
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new Rejected("corrupt", "the Opus file's tags are damaged", e);
        }
    }

    private static String first(String current, String value) {
        return current != null ? current : value;
    }

    private static String ascii(byte[] bytes, int offset, int length) {
        return bytes.length < offset + length ? "" : new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }

    /** Ogg's CRC-32 (polynomial 0x04C11DB7, not reflected) of a page with its checksum field zeroed. */
    private static int crc(byte[] header, byte[] lacing, byte[] body) {
        int crc = 0;
        for (int i = 0; i < header.length; i++) {
            crc = (crc << 8) ^ CRC[((crc >>> 24) ^ (i >= 22 && i < 26 ? 0 : header[i] & 0xFF)) & 0xFF];
        }
        for (byte b : lacing) {
            crc = (crc << 8) ^ CRC[((crc >>> 24) ^ (b & 0xFF)) & 0xFF];
        }
        for (byte b : body) {
            crc = (crc << 8) ^ CRC[((crc >>> 24) ^ (b & 0xFF)) & 0xFF];
        }
        return crc;
    }

    private static int[] crcTable() {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            }
            table[i] = r;
        }
        return table;
    }
}
