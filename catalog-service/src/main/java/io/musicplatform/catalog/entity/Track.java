package io.musicplatform.catalog.entity;

import io.musicplatform.events.TrackStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import org.hibernate.annotations.BatchSize;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The latest revision of a track that the catalog has seen, with its rating totals. */
@Entity
public class Track extends PanacheEntityBase {

    @Id
    public UUID id;

    public long revision;

    @Enumerated(EnumType.STRING)
    public TrackStatus status;

    public String title;

    /**
     * The artists' ids, main artist first. Loaded for a page's tracks together (one query with
     * {@code track_id = any(...)}), not one query per track.
     */
    @ElementCollection(fetch = FetchType.EAGER)
    @BatchSize(size = 128)
    @CollectionTable(name = "track_artist", joinColumns = @JoinColumn(name = "track_id"))
    @OrderColumn(name = "position")
    @Column(name = "artist_id")
    public List<UUID> artistIds = new ArrayList<>();

    @Column(name = "album_id")
    public UUID albumId;

    public String genre;

    public Integer year;

    @Column(name = "disc_number")
    public Integer discNumber;

    @Column(name = "track_number")
    public Integer trackNumber;

    @Column(name = "duration_ms")
    public long durationMs;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "rating_count")
    public long ratingCount;

    @Column(name = "rating_sum")
    public long ratingSum;
}
