package io.musicplatform.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One revision of a track, published by ingestion-service on {@value Topics#TRACK_INGESTED} with key
 * {@code trackId}. The topic is compacted, so the latest revision of each track is the state every
 * projection (catalog, search, playback) is rebuilt from; a projection keeps the highest revision
 * it has seen and ignores older or repeated ones.
 *
 * @param eventId     unique per event
 * @param occurredAt  when ingestion-service recorded this revision
 * @param trackId     the track's id, a UUID in its canonical text form
 * @param revision    1 for the first upload, then +1 for every correction or takedown of this track
 * @param status      whether the track may be played
 * @param title       track title
 * @param artists     performing artists, main artist first; at least one
 * @param album       album title; null when the track is a single or unknown
 * @param albumArtist the album's artist when it differs from the track's main artist, e.g. "Various
 *                    Artists" on a compilation; null when it is the same, unknown, or the record was
 *                    written before the field existed
 * @param genre       genre name; null when unknown
 * @param year        release year; null when unknown
 * @param trackNumber position on the album, from 1; null when unknown
 * @param discNumber  disc of a multi-disc album, from 1; null when unknown or the record was written
 *                    before the field existed
 * @param durationMs  playing time in milliseconds
 * @param media       where the audio object lives and what it is
 * @param territories ISO 3166-1 alpha-2 codes where the track may be played; empty means everywhere
 */
public record TrackIngested(
        UUID eventId,
        Instant occurredAt,
        String trackId,
        long revision,
        TrackStatus status,
        String title,
        List<String> artists,
        String album,
        String albumArtist,
        String genre,
        Integer year,
        Integer trackNumber,
        Integer discNumber,
        long durationMs,
        Media media,
        List<String> territories) implements Event {

    public TrackIngested {
        Required.present(eventId, "TrackIngested", "eventId");
        Required.present(occurredAt, "TrackIngested", "occurredAt");
        Required.nonEmpty(trackId, "TrackIngested", "trackId");
        Required.atLeast(1, revision, "TrackIngested", "revision");
        Required.present(status, "TrackIngested", "status");
        Required.nonEmpty(title, "TrackIngested", "title");
        artists = Required.listOrEmpty(artists);
        if (artists.isEmpty()) {
            throw new IllegalArgumentException("TrackIngested.artists must name at least one artist");
        }
        Required.nullOrNonEmpty(albumArtist, "TrackIngested", "albumArtist");
        Required.nullOrAtLeast(1, discNumber, "TrackIngested", "discNumber");
        Required.atLeast(1, durationMs, "TrackIngested", "durationMs");
        Required.present(media, "TrackIngested", "media");
        territories = Required.listOrEmpty(territories);
    }

    /** Whether a listener in {@code country} (ISO alpha-2) may play this revision. */
    public boolean playableIn(String country) {
        return status == TrackStatus.AVAILABLE && (territories.isEmpty() || territories.contains(country));
    }

    /** The track: every event of one track lands on one partition, in order. */
    @Override
    public String key() {
        return trackId;
    }
}
