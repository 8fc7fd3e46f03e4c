package io.musicplatform.stats.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A listener's total plays and last play; written by the consumer's batched upsert, removed by an erasure. */
@Entity
@Table(name = "user_plays")
public class UserPlays extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public String userId;

    public long plays;

    @Column(name = "last_track_id")
    public String lastTrackId;

    @Column(name = "last_played_at")
    public Instant lastPlayedAt;
}
