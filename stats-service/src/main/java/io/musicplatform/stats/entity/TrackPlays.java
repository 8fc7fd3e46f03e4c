package io.musicplatform.stats.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A track's plays and last play time; written only by the consumer's batched upsert (PlayCounter), read here. */
@Entity
@Table(name = "track_plays")
public class TrackPlays extends PanacheEntityBase {

    @Id
    @Column(name = "track_id")
    public String trackId;

    public String artist;

    public long plays;

    @Column(name = "last_played_at")
    public Instant lastPlayedAt;
}
