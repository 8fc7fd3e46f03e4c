package io.musicplatform.catalog;

import io.musicplatform.events.CatalogChanged;
import io.musicplatform.events.CloudEventHeaders;
import io.musicplatform.events.EventCodec;
import io.musicplatform.events.EventType;
import io.musicplatform.events.Topics;
import io.musicplatform.servicetesting.TestEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What catalog-service has published on catalog-changes, read from the real Kafka: each record decoded
 * with the event's codec, which validates it against its JSON Schema (the notifications' payloads are
 * built by the database, so this is where a mismatch would show), and its CloudEvents headers checked.
 */
public final class CatalogChangesTopic {

    private CatalogChangesTopic() {
    }

    /** Every change published under {@code key} (a listener's id or a playlist's), in publishing order. */
    public static List<CatalogChanged> changesFor(String key) {
        List<CatalogChanged> changes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TestEvents.readAll(Topics.CATALOG_CHANGES)) {
            if (!key.equals(record.key())) {
                continue;
            }
            CatalogChanged change = EventCodec.CATALOG_CHANGED.decode(Topics.CATALOG_CHANGES, record.value());
            assertThat(change.key()).isEqualTo(key);
            assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(EventType.CATALOG_CHANGED.cloudEventType());
            assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(change.eventId().toString());
            assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/catalog-service");
            assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(java.time.Instant.parse(header(record, CloudEventHeaders.TIME))).isNotNull();
            changes.add(change);
        }
        return changes;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return CloudEventHeaders.read(record.headers(), name).orElseThrow(() -> new AssertionError("no header " + name));
    }
}
