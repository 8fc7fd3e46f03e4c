package io.musicplatform.catalog.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A share link of a playlist: whoever redeems its token before it expires becomes a collaborator. */
@Entity
@Table(name = "playlist_invitation")
public class PlaylistInvitation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "playlist_id")
    public UUID playlistId;

    /** Hex SHA-256 of the token; the token itself is shown once, to the owner who made the link. */
    @Column(name = "token_sha256")
    public String tokenSha256;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;
}
