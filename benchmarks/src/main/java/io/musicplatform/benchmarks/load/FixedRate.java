package io.musicplatform.benchmarks.load;

/**
 * When each request of an open-loop run is due: request {@code i} at {@code i / rate} seconds after
 * the start, whatever became of the requests before it. Latency is measured from that intended
 * instant, not from when the request actually left, so a stalled server is charged for every request
 * it held up (no coordinated omission).
 *
 * @param ratePerSecond requests per second
 * @param durationNanos how long requests are sent
 */
public record FixedRate(double ratePerSecond, long durationNanos) {

    public FixedRate {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("The rate must be positive, not " + ratePerSecond);
        }
        if (durationNanos <= 0) {
            throw new IllegalArgumentException("The duration must be positive, not " + durationNanos + " ns");
        }
    }

    /** How many requests the run sends in all. */
    public long total() {
        return (long) Math.ceil(durationNanos * ratePerSecond / 1e9);
    }

    /** Nanoseconds after the start at which request {@code index} (from 0) is due. */
    public long intendedOffset(long index) {
        return Math.round(index * 1e9 / ratePerSecond);
    }

    /** How many requests are due {@code elapsedNanos} after the start: those whose intended instant has come, at most {@link #total()}. */
    public long dueBy(long elapsedNanos) {
        if (elapsedNanos < 0) {
            return 0;
        }
        long due = (long) Math.floor(elapsedNanos * ratePerSecond / 1e9) + 1;
        // Rounding may put the boundary one request off; the intended instants decide.
        while (due > 0 && intendedOffset(due - 1) > elapsedNanos) {
            due--;
        }
        while (intendedOffset(due) <= elapsedNanos) {
            due++;
        }
        return Math.min(due, total());
    }
}
