package io.musicplatform.catalog.service;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event id as a position: written, read back, checked; every malformed one refused with what the format is. */
class StreamPositionTest {

    @Test
    void anIdIsTheSequenceThenEachVersionInOrder() {
        StreamPosition position = new StreamPosition(17, List.of(12L, 4L));
        assertThat(position.id()).isEqualTo("17.12.4");
        assertThat(StreamPosition.parse("17.12.4", 2)).isEqualTo(position);
        assertThat(StreamPosition.parse(" 0 ", 0)).isEqualTo(new StreamPosition(0, List.of()));
        assertThat(new StreamPosition(0, List.of()).id()).isEqualTo("0");
    }

    @Test
    void anIdOfAnotherShapeIsRefusedSayingWhatTheShapeIs() {
        for (String bad : List.of("", "17", "17.12.4.1", "17..4", "17.12.", "+1.2.3", "-1.2.3", "1.2.x", "1.2.3e2",
                "1234567890123456789.1.1", "١.٢.٣")) {
            assertThatThrownBy(() -> StreamPosition.parse(bad, 2)).as(bad)
                    .isInstanceOf(StreamException.BadPosition.class)
                    .hasMessageContaining("3 numbers joined by dots");
        }
        assertThatThrownBy(() -> StreamPosition.parse("1.2", 0)).hasMessageContaining("one number");
    }

    @Test
    void aPositionPastTheCurrentOneIsAhead() {
        StreamPosition current = new StreamPosition(5, List.of(3L, 9L));
        assertThat(new StreamPosition(5, List.of(3L, 9L)).isAheadOf(current)).isFalse();
        assertThat(new StreamPosition(0, List.of(1L, 1L)).isAheadOf(current)).isFalse();
        assertThat(new StreamPosition(6, List.of(3L, 9L)).isAheadOf(current)).isTrue();
        assertThat(new StreamPosition(5, List.of(3L, 10L)).isAheadOf(current)).isTrue();
    }
}
