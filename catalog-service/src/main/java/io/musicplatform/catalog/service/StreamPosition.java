package io.musicplatform.catalog.service;

import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * Where a listener's stream stands: the number of the last change to their notifications it carried,
 * then the version of each playlist it watches, in the order the request named them. Written as the
 * event id ({@code 17.12.4}), so that a client that reconnects with {@code Last-Event-ID} and the same
 * URL (as EventSource does) resumes exactly after it.
 *
 * @param sequence the listener's notification sequence, 0 before their first change
 * @param versions one version per watched playlist, in request order
 */
public record StreamPosition(long sequence, List<Long> versions) {

    /** The most digits of one number: longer ones could not be a {@code long}, and would not be ours. */
    private static final int MAX_DIGITS = 18;

    public StreamPosition {
        versions = List.copyOf(versions);
    }

    /**
     * Reads an event id as this service writes it, for a stream that watches {@code playlists} playlists.
     *
     * @throws StreamException.BadPosition saying what the format is
     */
    public static StreamPosition parse(String id, int playlists) {
        String[] parts = id.strip().split("\\.", -1);
        if (parts.length != playlists + 1) {
            throw badPosition(id, playlists, "it has " + parts.length + " number" + (parts.length == 1 ? "" : "s"));
        }
        long[] numbers = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > MAX_DIGITS || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw badPosition(id, playlists, "'" + part + "' is not a non-negative whole number");
            }
            numbers[i] = Long.parseLong(part);
        }
        return new StreamPosition(numbers[0], Arrays.stream(numbers, 1, numbers.length).boxed().toList());
    }

    /** The event id: the sequence, then each version, joined by dots. */
    public String id() {
        StringJoiner id = new StringJoiner(".");
        id.add(Long.toString(sequence));
        versions.forEach(version -> id.add(Long.toString(version)));
        return id.toString();
    }

    /** Whether any number is past {@code current}'s: a position the service never gave out. */
    public boolean isAheadOf(StreamPosition current) {
        if (sequence > current.sequence) {
            return true;
        }
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i) > current.versions.get(i)) {
                return true;
            }
        }
        return false;
    }

    private static StreamException.BadPosition badPosition(String id, int playlists, String problem) {
        String expected = playlists == 0
                ? "one number (the id of an event of this stream, such as 17)"
                : (playlists + 1) + " numbers joined by dots, the notification sequence then one version per playlist in the"
                        + " order of the request (the id of an event of this stream, such as 17" + ".3".repeat(playlists) + ")";
        return new StreamException.BadPosition("Last-Event-ID '" + abbreviated(id) + "' is not a position of this stream: "
                + problem + "; it must be " + expected + ". Reconnect without it to start from now.");
    }

    private static String abbreviated(String id) {
        return id.length() <= 64 ? id : id.substring(0, 64) + "...";
    }
}
