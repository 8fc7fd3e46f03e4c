package io.musicplatform.playback.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A play granted under an Idempotency-Key: a retry with the same key gets this play back. */
@Entity
@Table(name = "keyed_play")
@IdClass(KeyedPlay.Key.class)
public class KeyedPlay extends PanacheEntityBase {

    /** A listener's key. */
    public static class Key implements Serializable {
        public String userId;
        public String idempotencyKey;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(userId, key.userId) && Objects.equals(idempotencyKey, key.idempotencyKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, idempotencyKey);
        }
    }

    @Id
    @Column(name = "user_id")
    public String userId;

    @Id
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "play_id")
    public UUID playId;

    @Column(name = "track_id")
    public UUID trackId;

    @Column(name = "granted_at")
    public Instant grantedAt;
}
