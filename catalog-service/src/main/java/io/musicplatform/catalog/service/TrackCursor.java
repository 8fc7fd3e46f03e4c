package io.musicplatform.catalog.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of tracks ended: the last track's sort value and id. Opaque to clients (base64url of
 * {@code sort|value|id}); it names its sort, so a cursor cannot be replayed under another order.
 */
public record TrackCursor(TrackSort sort, Object value, UUID id) {

    public String encode() {
        String value = switch (sort) {
            case TITLE -> (String) this.value;
            case ADDED -> this.value.toString();
            case DURATION -> Long.toString((Long) this.value);
        };
        String text = sort.key() + "|" + id + "|" + value;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor that this service gave for {@code sort}.
     *
     * @throws IllegalArgumentException when it is not one, or was given for another sort
     */
    public static TrackCursor decode(String cursor, TrackSort sort) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a cursor this service gave; start again without it");
        }
        String[] parts = text.split("\\|", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("is not a cursor this service gave; start again without it");
        }
        if (!parts[0].equals(sort.key())) {
            throw new IllegalArgumentException("was given for sort=" + parts[0] + ", not sort=" + sort.key() + "; start again without it");
        }
        try {
            UUID id = UUID.fromString(parts[1]);
            Object value = switch (sort) {
                case TITLE -> parts[2];
                case ADDED -> Instant.parse(parts[2]);
                case DURATION -> Long.parseLong(parts[2]);
            };
            return new TrackCursor(sort, value, id);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not a cursor this service gave; start again without it");
        }
    }
}
