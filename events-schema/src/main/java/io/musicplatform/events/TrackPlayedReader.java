package io.musicplatform.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads a {@link TrackPlayed} in one streaming pass, checking on the way what {@code track-played.v1.json}
 * checks: the required fields, their types, the uuid and date-time formats, the lengths, the country's
 * pattern and the duration's lower bound. It is {@link EventCodec}'s fast path: stats-service reads
 * every play of the platform, and parsing a tree, walking it again with the generic schema validator and
 * binding it from the tree cost about 5 µs a record, a third of the consumer's CPU.
 *
 * <p>It only ever vouches for a document: it returns the event when the document is valid in the forms
 * producers write (canonical UUIDs, UTC times with {@code Z}, integer durations, each field once), and
 * {@code null} for anything else, valid or not. {@link EventCodec} then judges that document with the
 * schema validator as before, so the published schema stays the contract, a refusal keeps the
 * validator's words in the dead-letter headers, and an unusual but valid document (an offset other than
 * {@code Z}, {@code 1.0} as a duration) is still accepted. {@code TrackPlayedReaderTest} holds both to
 * the same verdicts over a corpus of valid and invalid documents.
 */
final class TrackPlayedReader {

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

    private TrackPlayedReader() {
    }

    /** The event, or {@code null} when this reader cannot vouch for {@code value} (the schema validator decides then). */
    static TrackPlayed read(byte[] value) {
        try (JsonParser parser = EventJson.MAPPER.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            TrackPlayed event = readEvent(parser);
            // Trailing content after the object: let the validator's parse decide what it makes of it.
            return event != null && parser.nextToken() == null ? event : null;
        } catch (JacksonException | IllegalArgumentException malformed) {
            return null;
        }
    }

    private static TrackPlayed readEvent(JsonParser parser) {
        UUID eventId = null;
        Instant occurredAt = null;
        String trackId = null;
        String userId = null;
        PlayContext context = null;
        TrackFacts track = null;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken token = parser.nextToken();
            switch (name) {
                case "eventId" -> {
                    if (eventId != null || token != JsonToken.VALUE_STRING || (eventId = uuid(parser.getString())) == null) {
                        return null;
                    }
                }
                case "occurredAt" -> {
                    if (occurredAt != null || token != JsonToken.VALUE_STRING || (occurredAt = utcDateTime(parser.getString())) == null) {
                        return null;
                    }
                }
                case "trackId" -> {
                    if (trackId != null || token != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    trackId = parser.getString();
                    if (uuid(trackId) == null) {
                        return null;
                    }
                }
                case "userId" -> {
                    if (userId != null || (userId = nonEmpty(parser, token)) == null) {
                        return null;
                    }
                }
                case "context" -> {
                    if (context != null || token != JsonToken.START_OBJECT || (context = readContext(parser)) == null) {
                        return null;
                    }
                }
                case "track" -> {
                    if (track != null || token != JsonToken.START_OBJECT || (track = readTrack(parser)) == null) {
                        return null;
                    }
                }
                // Unknown properties are allowed and ignored (additive evolution).
                default -> parser.skipChildren();
            }
        }
        if (eventId == null || occurredAt == null || trackId == null || userId == null || context == null || track == null) {
            return null;
        }
        return new TrackPlayed(eventId, occurredAt, trackId, userId, context, track);
    }

    private static PlayContext readContext(JsonParser parser) {
        String platform = null;
        String device = null;
        String country = null;
        boolean countrySeen = false;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken token = parser.nextToken();
            switch (name) {
                case "platform" -> {
                    if (platform != null || (platform = nonEmpty(parser, token)) == null) {
                        return null;
                    }
                }
                case "device" -> {
                    if (device != null || (device = nonEmpty(parser, token)) == null) {
                        return null;
                    }
                }
                case "country" -> {
                    if (countrySeen) {
                        return null;
                    }
                    countrySeen = true;
                    if (token == JsonToken.VALUE_STRING) {
                        country = parser.getString();
                        if (!isCountryCode(country)) {
                            return null;
                        }
                    } else if (token != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return platform == null || device == null ? null : new PlayContext(platform, device, country);
    }

    private static TrackFacts readTrack(JsonParser parser) {
        String artist = null;
        String genre = null;
        boolean genreSeen = false;
        long durationMs = 0;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken token = parser.nextToken();
            switch (name) {
                case "artist" -> {
                    if (artist != null || (artist = nonEmpty(parser, token)) == null) {
                        return null;
                    }
                }
                case "genre" -> {
                    if (genreSeen) {
                        return null;
                    }
                    genreSeen = true;
                    if (token != JsonToken.VALUE_NULL && (genre = nonEmpty(parser, token)) == null) {
                        return null;
                    }
                }
                case "durationMs" -> {
                    // Integers that fit a long only; a float such as 1.0, or a big integer, goes to the validator.
                    if (durationMs != 0 || token != JsonToken.VALUE_NUMBER_INT
                            || parser.getNumberType() != JsonParser.NumberType.INT && parser.getNumberType() != JsonParser.NumberType.LONG
                            || (durationMs = parser.getLongValue()) < 1) {
                        return null;
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return artist == null || durationMs == 0 ? null : new TrackFacts(artist, genre, durationMs);
    }

    /** A string of at least one character ({@code minLength: 1}), or {@code null}. */
    private static String nonEmpty(JsonParser parser, JsonToken token) {
        if (token != JsonToken.VALUE_STRING) {
            return null;
        }
        String text = parser.getString();
        return text.isEmpty() ? null : text;
    }

    /** {@code ^[A-Z]{2}$}. */
    private static boolean isCountryCode(String text) {
        return text.length() == 2 && isUpper(text.charAt(0)) && isUpper(text.charAt(1));
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** The canonical 8-4-4-4-12 hexadecimal form (format {@code uuid}), or {@code null}. */
    private static UUID uuid(String text) {
        if (text.length() != 36) {
            return null;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHexDigit(c)) {
                return null;
            }
        }
        return UUID.fromString(text);
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} with a real date, hours 0-23, minutes and seconds 0-59 and up
     * to nine fraction digits: the form every producer writes ({@link Instant#toString()}). Other valid
     * date-times (offsets, a leap second, lower-case letters) are left to the validator.
     */
    private static Instant utcDateTime(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 1000 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fractionDigits = length - 21;
            if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            int fraction = digits(text, 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * POWERS_OF_TEN[9 - fractionDigits];
        }
        LocalDate date = LocalDate.of(year, month, 1);
        if (day > date.lengthOfMonth()) {
            return null;
        }
        long epochSecond = (date.toEpochDay() + day - 1) * 86_400L + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** The decimal value of {@code count} ASCII digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
