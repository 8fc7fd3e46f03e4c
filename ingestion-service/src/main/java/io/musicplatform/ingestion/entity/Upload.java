package io.musicplatform.ingestion.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An announced upload whose object the client PUTs to storage, then completes. */
@Entity
@Table(name = "upload")
public class Upload extends PanacheEntityBase {

    public enum State { PENDING, COMPLETED }

    @Id
    public UUID id;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "content_type")
    public String contentType;

    @Column(name = "size_bytes")
    public long sizeBytes;

    /** Where the client's PUT lands; never derived from the file name. */
    @Column(name = "staging_key")
    public String stagingKey;

    @Enumerated(EnumType.STRING)
    public State state;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    /** The track it became (or already was, for the same content), once completed. */
    @Column(name = "track_id")
    public UUID trackId;
}
