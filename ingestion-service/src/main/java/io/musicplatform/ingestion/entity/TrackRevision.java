package io.musicplatform.ingestion.entity;

import io.musicplatform.events.TrackStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One revision of a track, as its TrackIngested carries it. */
@Entity
@Table(name = "track_revision")
public class TrackRevision extends PanacheEntityBase {

    /** The eventId of the TrackIngested that published it. */
    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "track_id")
    public UUID trackId;

    public long revision;

    @Enumerated(EnumType.STRING)
    public TrackStatus status;

    public String title;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> artists;

    public String album;

    @Column(name = "album_artist")
    public String albumArtist;

    public String genre;

    public Integer year;

    @Column(name = "track_number")
    public Integer trackNumber;

    @Column(name = "disc_number")
    public Integer discNumber;

    @Column(name = "duration_ms")
    public long durationMs;

    @Column(name = "media_bucket")
    public String mediaBucket;

    @Column(name = "media_key")
    public String mediaKey;

    @Column(name = "content_type")
    public String contentType;

    public String codec;

    @Column(name = "bitrate_kbps")
    public Integer bitrateKbps;

    @Column(name = "sample_rate_hz")
    public Integer sampleRateHz;

    @Column(name = "size_bytes")
    public long sizeBytes;

    public String sha256;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> territories;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    @Column(name = "recorded_by")
    public String recordedBy;

    /** The current revision of a track, or null. */
    public static io.smallrye.mutiny.Uni<TrackRevision> current(UUID trackId) {
        return find("trackId = ?1 order by revision desc", trackId).<TrackRevision>firstResult();
    }
}
