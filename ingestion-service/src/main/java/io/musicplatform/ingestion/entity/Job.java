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

/** A long operation (the job shape of DESIGN.md section 9): what it works on, where it stands. */
@Entity
@Table(name = "job")
public class Job extends PanacheEntityBase {

    public enum Kind { IMPORT, REPLAY }

    public enum State { PENDING, RUNNING, SUCCEEDED, FAILED }

    /** What an import reads: objects under a bucket prefix, or files in a folder of the service's disk. */
    public enum SourceKind { BUCKET, FOLDER }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    @Enumerated(EnumType.STRING)
    public State state;

    /** What an import reads: a bucket prefix or an absolute folder, as {@link #sourceKind} says. */
    public String source;

    @Enumerated(EnumType.STRING)
    @Column(name = "source_kind")
    public SourceKind sourceKind;

    /** The last track a replay republished. */
    public UUID cursor;

    public long total;

    public long done;

    public long failed;

    /** Why the job itself failed (not one file: those are its items). */
    public String error;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
