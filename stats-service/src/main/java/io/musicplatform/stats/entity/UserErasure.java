package io.musicplatform.stats.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A listener who erased their history: plays up to {@code erasedAt} are never attributed to them again. */
@Entity
@Table(name = "user_erasure")
public class UserErasure extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public String userId;

    @Column(name = "erased_at")
    public Instant erasedAt;
}
