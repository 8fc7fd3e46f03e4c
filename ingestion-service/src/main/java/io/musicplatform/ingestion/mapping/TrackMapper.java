package io.musicplatform.ingestion.mapping;

import io.musicplatform.events.Media;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.ingestion.entity.TrackRevision;
import io.musicplatform.ingestion.rest.TrackViews;

import java.util.List;

/** A stored revision as the event publishes it and as the API shows it: one source, two shapes. */
public final class TrackMapper {

    private TrackMapper() {
    }

    public static TrackIngested event(TrackRevision revision) {
        return new TrackIngested(revision.eventId, revision.recordedAt, revision.trackId.toString(), revision.revision, revision.status,
                revision.title, List.copyOf(revision.artists), revision.album, revision.albumArtist, revision.genre, revision.year,
                revision.trackNumber, revision.discNumber, revision.durationMs,
                new Media(revision.mediaBucket, revision.mediaKey, revision.contentType, revision.codec, revision.bitrateKbps,
                        revision.sampleRateHz, revision.sizeBytes, revision.sha256),
                List.copyOf(revision.territories));
    }

    public static TrackViews.TrackView view(TrackRevision revision) {
        return new TrackViews.TrackView(revision.trackId, revision.revision, revision.status, revision.title, List.copyOf(revision.artists),
                revision.album, revision.albumArtist, revision.genre, revision.year, revision.trackNumber, revision.discNumber,
                revision.durationMs, List.copyOf(revision.territories),
                new TrackViews.MediaView(revision.mediaBucket, revision.mediaKey, revision.contentType, revision.codec,
                        revision.bitrateKbps, revision.sampleRateHz, revision.sizeBytes, revision.sha256),
                revision.recordedAt, revision.recordedBy);
    }
}
