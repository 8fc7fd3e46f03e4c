package io.musicplatform.ingestion.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.UUID;

/** A file an import job finished with, so that a resumed job does not take it again. */
@Entity
@Table(name = "job_item")
public class JobItem extends PanacheEntityBase {

    public enum Outcome { IMPORTED, DUPLICATE, FAILED }

    @Embeddable
    public record Key(@Column(name = "job_id") UUID jobId, @Column(name = "item_key") String itemKey) implements Serializable {
    }

    @EmbeddedId
    public Key id;

    @Enumerated(EnumType.STRING)
    public Outcome outcome;

    @Column(name = "track_id")
    public UUID trackId;

    public String reason;
}
