package io.musicplatform.catalog.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.util.UUID;

/** An album: its title under its album artist, with an id derived from both. */
@Entity
public class Album extends PanacheEntityBase {

    @Id
    public UUID id;

    public String title;

    @Column(name = "artist_id")
    public UUID artistId;
}
