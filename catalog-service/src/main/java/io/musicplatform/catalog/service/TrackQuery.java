package io.musicplatform.catalog.service;

import java.util.Optional;
import java.util.UUID;

/**
 * Which tracks to list and in which order: filters, a sort key and where the previous page ended.
 *
 * @param artist      only the tracks this artist appears on
 * @param album       only the tracks of this album
 * @param genre       only this genre, case-insensitive
 * @param titlePrefix only titles that start with it, case-insensitive
 * @param sort        the order of the list
 * @param after       where the previous page ended; empty for the first page
 * @param limit       how many tracks at most
 */
public record TrackQuery(Optional<UUID> artist, Optional<UUID> album, Optional<String> genre, Optional<String> titlePrefix,
                         TrackSort sort, Optional<TrackCursor> after, int limit) {
}
