package io.musicplatform.catalog.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/**
 * A listener's playlist. Its {@link #version} grows by one with every change, entries and sharing
 * included: an edit names the version it was made on, and one made on an older version is refused.
 */
@Entity
public class Playlist extends PanacheEntityBase {

    /** Who may read a playlist besides its owner and collaborators. */
    public enum Visibility { PUBLIC, PRIVATE }

    @Id
    public UUID id;

    /** The owner's {@code sub}. */
    @Column(name = "owner_id")
    public String ownerId;

    /** The owner's {@code preferred_username} when the playlist was made, for display. */
    @Column(name = "owner_name")
    public String ownerName;

    public String name;

    public String description;

    @Enumerated(EnumType.STRING)
    public Visibility visibility;

    public long version;

    @Column(name = "track_count")
    public int trackCount;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
