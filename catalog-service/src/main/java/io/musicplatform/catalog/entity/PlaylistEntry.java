package io.musicplatform.catalog.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One appearance of a track in a playlist, at a sparse position (see V3__playlists.sql). */
@Entity
@Table(name = "playlist_entry")
public class PlaylistEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "playlist_id")
    public UUID playlistId;

    public long position;

    @Column(name = "track_id")
    public UUID trackId;

    /** The {@code sub} of the owner or collaborator who added it. */
    @Column(name = "added_by")
    public String addedBy;

    @Column(name = "added_at")
    public Instant addedAt;
}
