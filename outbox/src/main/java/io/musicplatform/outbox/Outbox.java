package io.musicplatform.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.musicplatform.events.CloudEventHeaders;
import io.musicplatform.events.Event;
import io.musicplatform.events.EventCodec;
import io.musicplatform.events.EventType;
import io.musicplatform.events.InvalidEventException;
import io.musicplatform.events.Topics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Appends events to the outbox inside the caller's reactive transaction, for the relay to publish
 * once that transaction has committed:
 *
 * <pre>{@code
 * Panache.withTransaction(() -> play.persist().chain(() -> outbox.append(trackPlayed)))
 * }</pre>
 *
 * A transaction that rolls back takes its events with it, so nothing is published for it. The row
 * holds the record exactly as the events' Kafka serializers would write it (value bytes and
 * CloudEvents headers, {@code ce_source} from {@code music.outbox.cloudevents-source}).
 *
 * <p>A caller whose only write is its events can instead {@link #appendCommitted} them: many
 * callers' events in one statement and one commit, which is what lets a hot path (playback's plays)
 * pay one durable commit per group rather than one per event.
 */
@ApplicationScoped
public class Outbox {

    private final String source;
    private final Pool pool;
    private final String table;
    private final String insertAll;
    private final String settlePublished;
    private final String settleRefused;

    Outbox(OutboxConfig config, Pool pool,
           @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") Optional<String> schema) {
        this.source = config.cloudEventsSource();
        this.pool = pool;
        // One statement for the whole group: the arrays' elements become rows in their order, so ids
        // (the relay's publishing order) follow the order of the list.
        this.table = OutboxRelay.table(schema);
        this.insertAll = "INSERT INTO " + table + " (topic, record_key, payload, headers, event_id, publish_after)"
                + " SELECT t, k, p, h::json, e, CASE WHEN m IS NULL THEN NULL ELSE clock_timestamp() + m * interval '1 millisecond' END"
                + " FROM unnest($1::text[], $2::text[], $3::bytea[], $4::text[], $5::uuid[], $6::bigint[]) AS u(t, k, p, h, e, m)";
        this.settlePublished = "UPDATE " + table + " SET published_at = clock_timestamp(), publish_after = NULL"
                + " WHERE event_id = $1 AND published_at IS NULL";
        this.settleRefused = "UPDATE " + table + " SET publish_after = NULL WHERE event_id = $1 AND published_at IS NULL";
    }

    /** Appends {@code event} for its own topic, keyed by its {@link Event#key()} (the track, listener or playlist). */
    public Uni<Void> append(Event event) {
        Objects.requireNonNull(event, "event");
        return append(EventType.of(event).topic(), event.key(), event);
    }

    /**
     * Appends {@code event} for {@code topic} under {@code key}. Fails, and so fails the caller's
     * transaction, when there is no current transaction, when {@code topic} is not the event type's
     * own topic as declared in {@link Topics} (a row for any other topic would wait in the outbox
     * for good), when the event does not match its schema, or when an event with the same eventId is
     * already in the outbox.
     */
    public Uni<Void> append(String topic, String key, Event event) {
        return Uni.createFrom().deferred(() -> {
            OutboxEntry entry = entry(topic, key, event);
            return Panache.getSession().chain(session -> {
                if (session.currentTransaction() == null) {
                    return Uni.createFrom().failure(new IllegalStateException("Outbox.append(" + entry.eventId
                            + ") ran outside a transaction: call it inside Panache.withTransaction(...) or a @WithTransaction "
                            + "method, so that the event commits or rolls back with the change it announces"));
                }
                return session.persist(entry);
            });
        });
    }

    /**
     * Appends {@code events} (each for its own topic, keyed by its {@link Event#key()}) in a transaction of their
     * own, in one multi-row {@code INSERT} through the reactive client rather than one entity each (a
     * group of hundreds is one statement and one round trip), and completes once it has committed: from then on they
     * are durable and the relay will publish them, in the list's order. Fails as a whole, with
     * nothing appended, when any event is invalid (as {@link #append(Event)} refuses it) or when the
     * database fails. Use it only where the events are the caller's whole write; where they announce
     * a change of the caller's own state, {@link #append(Event)} in that change's transaction.
     */
    public Uni<Void> appendCommitted(List<? extends Event> events) {
        return appendCommitted(events, event -> null);
    }

    /**
     * As {@link #appendCommitted(List)}, each event held back for the time {@code holdFor} gives it
     * (null: not held): the relay publishes a held row, and the later rows of its key, only once
     * that time has passed or the row is settled. For {@link DirectPublisher}, whose direct send of
     * such an event may still be acknowledged.
     */
    public Uni<Void> appendCommitted(List<? extends Event> events, Function<? super Event, Duration> holdFor) {
        return Uni.createFrom().deferred(() -> {
            if (events.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            int size = events.size();
            String[] topics = new String[size];
            String[] keys = new String[size];
            Buffer[] payloads = new Buffer[size];
            String[] headers = new String[size];
            UUID[] ids = new UUID[size];
            Long[] holds = new Long[size];
            for (int i = 0; i < size; i++) {
                Event event = events.get(i);
                OutboxEntry entry = entry(EventType.of(event).topic(), event.key(), event);
                topics[i] = entry.topic;
                keys[i] = entry.recordKey;
                payloads[i] = Buffer.buffer(entry.payload);
                headers[i] = entry.headers;
                ids[i] = entry.eventId;
                Duration hold = holdFor.apply(event);
                holds[i] = hold == null ? null : hold.toMillis();
            }
            // One statement outside BEGIN ... COMMIT is a transaction of its own: PostgreSQL commits it
            // (durably, as any commit) before it answers, and all of its rows or none. So the group
            // costs one round trip, not three, and holds its connection for that one only.
            return pool.preparedQuery(insertAll).execute(Tuple.of(topics, keys, payloads, headers, ids, holds)).replaceWithVoid();
        });
    }

    /**
     * Settles a held row once Kafka has answered its direct send: marked published when Kafka took
     * the record (the relay must not send it again), released for the relay at once when Kafka refused it.
     * Nothing happens to a row already published.
     */
    Uni<Void> settle(UUID eventId, boolean publishedByKafka) {
        return pool.preparedQuery(publishedByKafka ? settlePublished : settleRefused).execute(Tuple.of(eventId)).replaceWithVoid();
    }

    /**
     * Appends {@code events} (each for its own topic, keyed by its {@link Event#key()}) in the caller's transaction,
     * in their order, as {@link #append(Event)} does each, but in one multi-row {@code INSERT}: a caller
     * that records a group of changes together (an import's files) pays one round trip for their
     * events, not one each (the rows' identity ids make the entities insert one at a time).
     */
    public Uni<Void> appendAll(List<? extends Event> events) {
        return Uni.createFrom().deferred(() -> {
            if (events.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<OutboxEntry> entries = events.stream().map(event -> {
                Objects.requireNonNull(event, "event");
                return entry(EventType.of(event).topic(), event.key(), event);
            }).toList();
            StringBuilder sql = new StringBuilder("INSERT INTO outbox (topic, record_key, payload, headers, event_id) VALUES ");
            for (int i = 0; i < entries.size(); i++) {
                int first = 5 * i + 1;
                sql.append(i > 0 ? ", " : "").append("(?").append(first).append(", ?").append(first + 1).append(", ?").append(first + 2)
                        .append(", cast(cast(?").append(first + 3).append(" as text) as json), ?").append(first + 4).append(')');
            }
            return Panache.getSession().chain(session -> {
                if (session.currentTransaction() == null) {
                    return Uni.createFrom().failure(new IllegalStateException("Outbox.appendAll ran outside a transaction: call it inside "
                            + "Panache.withTransaction(...) or a @WithTransaction method, so that the events commit or roll back with the change"));
                }
                var insert = session.createNativeQuery(sql.toString());
                for (int i = 0; i < entries.size(); i++) {
                    OutboxEntry entry = entries.get(i);
                    insert.setParameter(5 * i + 1, entry.topic).setParameter(5 * i + 2, entry.recordKey).setParameter(5 * i + 3, entry.payload)
                            .setParameter(5 * i + 4, entry.headers).setParameter(5 * i + 5, entry.eventId);
                }
                return insert.executeUpdate().replaceWithVoid();
            });
        });
    }

    /**
     * SQL that appends one event of {@code type} per row of {@code rows}, for a producer that makes its
     * events set-based in the statement that makes its change (a fan-out to a hundred thousand
     * listeners is one statement, not a hundred thousand appends). Use it as a data-modifying
     * {@code WITH} query of that statement:
     *
     * <pre>{@code
     * WITH changed AS (UPDATE ... RETURNING ...),
     * events AS (SELECT gen_random_uuid() AS event_id, now() AS occurred_at, c.user_id AS record_key,
     *                   json_build_object('eventId', ...) AS payload FROM changed c),
     * published AS (<insertRows(type, "events", "r.record_key")>)
     * SELECT ...
     * }</pre>
     *
     * {@code rows} names a relation with columns {@code event_id} (uuid), {@code occurred_at}
     * (timestamptz), {@code record_key} (text) and {@code payload} (json: the event as its type's
     * schema describes it); {@code orderBy} (over its alias {@code r}) is the order the relay will
     * publish them in, so it must keep each key's events in their order. The headers are the CloudEvents headers {@link #append(Event)} writes. The
     * database builds the payload, so nothing checks it against the schema here: the caller's tests
     * must decode what it publishes with the type's {@link EventCodec}.
     */
    public String insertRows(EventType type, String rows, String orderBy) {
        Objects.requireNonNull(type, "type");
        return "INSERT INTO " + table + " (topic, record_key, payload, headers, event_id)"
                + " SELECT " + literal(type.topic()) + ", r.record_key, convert_to(r.payload::text, 'UTF8'),"
                + " json_build_object('" + CloudEventHeaders.SPEC_VERSION + "', " + literal(CloudEventHeaders.SPEC_VERSION_VALUE)
                + ", '" + CloudEventHeaders.ID + "', r.event_id::text"
                + ", '" + CloudEventHeaders.TYPE + "', " + literal(type.cloudEventType())
                + ", '" + CloudEventHeaders.SOURCE + "', " + literal(source)
                // Instant.toString's form: UTC, 'T', 'Z'; microseconds, PostgreSQL's precision.
                + ", '" + CloudEventHeaders.TIME + "', to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                + ", '" + CloudEventHeaders.CONTENT_TYPE + "', " + literal(CloudEventHeaders.JSON) + "),"
                + " r.event_id FROM " + rows + " r ORDER BY " + orderBy;
    }

    /** A SQL string literal: the source is a setting, so its quotes are doubled. */
    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** {@code event} as the Kafka record its own topic gets, checked as {@link #append(Event)} checks it. */
    ProducerRecord<String, byte[]> record(Event event) {
        Objects.requireNonNull(event, "event");
        String topic = EventType.of(event).topic();
        byte[] payload = checkedPayload(topic, event.key(), event);
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, event, source);
        return new ProducerRecord<>(topic, null, event.key(), payload, headers);
    }

    private OutboxEntry entry(String topic, String key, Event event) {
        byte[] payload = checkedPayload(topic, key, event);
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, event, source);

        OutboxEntry entry = new OutboxEntry();
        entry.topic = topic;
        entry.recordKey = key;
        entry.payload = payload;
        entry.headers = HeadersColumn.toJson(headers);
        entry.eventId = event.eventId();
        return entry;
    }

    /** The event's value bytes, once topic, key and schema are checked. */
    private static byte[] checkedPayload(String topic, String key, Event event) {
        Objects.requireNonNull(event, "event");
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("Outbox.append(" + event.eventId() + ") needs a topic");
        }
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("Outbox.append(" + event.eventId() + ") needs a record key");
        }
        EventType type = EventType.of(event);
        requireOwnTopic(topic, type, event);
        byte[] payload = encode(event);
        // An invalid event is refused now, failing the caller's transaction, rather than published for
        // every consumer to send to its dead-letter topic.
        List<String> violations = EventCodec.of(type).violations(payload);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(topic, type, violations, null);
        }
        return payload;
    }

    /**
     * Refuses a topic the event does not belong on: a topic no producer creates would leave the row
     * pending for good, and another type's topic would send its consumers a record they cannot read.
     */
    private static void requireOwnTopic(String topic, EventType type, Event event) {
        if (Topics.isDeclared(topic) && topic.equals(type.topic())) {
            return;
        }
        String why = Topics.isDeclared(topic)
                ? "topic '" + topic + "' is declared for other records"
                : "topic '" + topic + "' is not declared in " + Topics.class.getName();
        throw new IllegalArgumentException("Outbox.append(" + event.eventId() + ") refused: " + why + "; a "
                + type.javaType().getSimpleName() + " (" + type.cloudEventType() + ") goes to '" + type.topic()
                + "'. Use append(event), which picks it");
    }

    /** The value bytes the event's serializer writes: its type's codec, as in {@code EventSerializer}. */
    @SuppressWarnings("unchecked")
    private static <T extends Event> byte[] encode(T event) {
        return ((EventCodec<T>) EventCodec.of(EventType.of(event))).encode(event);
    }
}
