package io.musicplatform.playback.entity;

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

/** The latest revision of a track as playback needs it: where its audio is, whether and where it may play. */
@Entity
@Table(name = "playable_track")
public class PlayableTrack extends PanacheEntityBase {

    @Id
    public UUID id;

    public long revision;

    @Enumerated(EnumType.STRING)
    public TrackStatus status;

    public String title;

    /** Main artist first. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> artists;

    public String genre;

    @Column(name = "duration_ms")
    public long durationMs;

    @Column(name = "media_bucket")
    public String mediaBucket;

    @Column(name = "media_key")
    public String mediaKey;

    @Column(name = "content_type")
    public String contentType;

    /** Country codes where it may play; empty means everywhere. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> territories;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Whether a listener in {@code country} (null: unknown) may play it. */
    public boolean playableIn(String country) {
        return territories.isEmpty() || (country != null && territories.contains(country));
    }
}
