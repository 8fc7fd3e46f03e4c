package io.musicplatform.ingestion.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A track: its audio's hash, which makes the same content one track, and its current revision. */
@Entity
@Table(name = "track")
public class Track extends PanacheEntityBase {

    @Id
    public UUID id;

    public String sha256;

    public long revision;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
