package io.musicplatform.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One event waiting in the outbox, or published and kept until the retention ends: a Kafka record
 * (topic, key, value bytes, headers) ready to send as it is. Rows are written by {@link Outbox} and
 * read and marked by {@link OutboxRelay}; the table is created by the migrations in {@code db/outbox}
 * in the schema Hibernate uses by default ({@code quarkus.hibernate-orm.database.default-schema}).
 */
@Entity
@Table(name = "outbox")
public class OutboxEntry extends PanacheEntityBase {

    /** Given by the database; the relay publishes in this order. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, updatable = false)
    public String topic;

    @Column(name = "record_key", nullable = false, updatable = false)
    public String recordKey;

    /** The record's value, exactly as the event's Kafka serializer writes it. */
    @Column(nullable = false, updatable = false)
    public byte[] payload;

    /**
     * The record's headers as JSON text (see {@link HeadersColumn}). The casts make the parameter
     * text for the reactive client, which would otherwise send a Java string as a JSON string.
     */
    @Column(nullable = false, updatable = false)
    @ColumnTransformer(read = "cast(headers as text)", write = "cast(cast(? as text) as json)")
    public String headers;

    @Column(name = "event_id", nullable = false, updatable = false)
    public UUID eventId;

    /** The database's clock at the transaction's start, so that every replica measures ages alike. */
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    /** Null while pending; set by the relay once Kafka acknowledged the record. */
    @Column(name = "published_at", insertable = false, updatable = false)
    public Instant publishedAt;

    /** How many sends of this row failed; set by the relay, 0 for a row that never failed. */
    @Column(insertable = false, updatable = false)
    public int attempts;

    /** The last of those failures (exception and message); null for a row that never failed. */
    @Column(name = "last_error", insertable = false, updatable = false)
    public String lastError;

    /** Null for a row the relay may publish at once; otherwise held back until then ({@link DirectPublisher}). */
    @Column(name = "publish_after", insertable = false, updatable = false)
    public Instant publishAfter;
}
