package io.musicplatform.stats.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** The whole platform's plays on one UTC day. */
@Entity
@Table(name = "daily_plays")
public class DailyPlays extends PanacheEntityBase {

    @Id
    public LocalDate day;

    public long plays;
}
