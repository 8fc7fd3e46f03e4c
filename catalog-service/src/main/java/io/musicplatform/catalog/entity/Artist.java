package io.musicplatform.catalog.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.util.UUID;

/** An artist, identified by the shared artist id of its name (events-schema's {@code ArtistId}). */
@Entity
public class Artist extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The name as the first track that named this artist spelt it. */
    public String name;
}
