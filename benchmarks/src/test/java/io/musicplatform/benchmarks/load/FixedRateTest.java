package io.musicplatform.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The open loop's schedule: when each request is due, whatever became of the others. */
class FixedRateTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void spacesRequestsEvenly() {
        FixedRate rate = new FixedRate(1000, SECOND);
        assertThat(rate.total()).isEqualTo(1000);
        assertThat(rate.intendedOffset(0)).isZero();
        assertThat(rate.intendedOffset(1)).isEqualTo(1_000_000);
        assertThat(rate.intendedOffset(999)).isEqualTo(999_000_000);
    }

    @Test
    void aRequestIsDueFromItsInstantOn() {
        FixedRate rate = new FixedRate(1000, SECOND);
        assertThat(rate.dueBy(-1)).isZero();
        assertThat(rate.dueBy(0)).isEqualTo(1);
        assertThat(rate.dueBy(999_999)).isEqualTo(1);
        assertThat(rate.dueBy(1_000_000)).isEqualTo(2);
        assertThat(rate.dueBy(SECOND / 2)).isEqualTo(501);
    }

    @Test
    void aLateTickSendsEverythingThatFellDueMeanwhile() {
        // A sender that stalled 250 ms catches up at once: the requests are not spread out again, and
        // each one's latency is counted from its own instant, so the stall shows in full.
        FixedRate rate = new FixedRate(400, SECOND);
        assertThat(rate.dueBy(250_000_000) - rate.dueBy(0)).isEqualTo(100);
    }

    @Test
    void neverMoreThanTheRunHolds() {
        FixedRate rate = new FixedRate(333.3, 3 * SECOND);
        assertThat(rate.total()).isEqualTo(1000);
        assertThat(rate.dueBy(10 * SECOND)).isEqualTo(1000);
    }

    @Test
    void fractionalRatesKeepTheirPace() {
        FixedRate rate = new FixedRate(2.5, 4 * SECOND);
        assertThat(rate.total()).isEqualTo(10);
        assertThat(rate.intendedOffset(5)).isEqualTo(2 * SECOND);
        assertThat(rate.dueBy(2 * SECOND - 1)).isEqualTo(5);
        assertThat(rate.dueBy(2 * SECOND)).isEqualTo(6);
    }

    @Test
    void refusesARateOrDurationThatIsNotPositive() {
        assertThatThrownBy(() -> new FixedRate(0, SECOND)).hasMessageContaining("rate must be positive");
        assertThatThrownBy(() -> new FixedRate(Double.NaN, SECOND)).hasMessageContaining("rate must be positive");
        assertThatThrownBy(() -> new FixedRate(10, 0)).hasMessageContaining("duration must be positive");
    }
}
