package io.musicplatform.playback.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A listener's right to keep a track for offline listening until it expires or is revoked. */
@Entity
@Table(name = "offline_licence")
public class OfflineLicence extends PanacheEntityBase {

    /** Who ended a licence before its expiry. */
    public enum Revocation { LISTENER, TAKEN_DOWN }

    @Id
    public UUID id;

    @Column(name = "user_id")
    public String userId;

    @Column(name = "track_id")
    public UUID trackId;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "revoked_reason")
    public Revocation revokedReason;

    public boolean activeAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
