package io.musicplatform.benchmarks.load;

import org.HdrHistogram.Histogram;

import java.time.Duration;

/**
 * What a load run measured: answers in the measured window, how many were not 2xx, and their
 * latencies in nanoseconds (from the intended send time in an open-loop run, from the actual send
 * in a closed-loop one).
 *
 * @param completed answers received within the window, errors included
 * @param errors    answers other than 2xx, and requests that failed without an answer
 * @param window    how long the window lasted
 * @param latencies every answer's latency, in nanoseconds
 */
public record LoadResult(long completed, long errors, Duration window, Histogram latencies) {

    /** Answers per second over the window. */
    public double throughput() {
        return completed / (window.toNanos() / 1e9);
    }

    /** The latency at a percentile (such as 99.9), in milliseconds. */
    public double latencyMillis(double percentile) {
        return latencies.getValueAtPercentile(percentile) / 1e6;
    }

    public double maxLatencyMillis() {
        return latencies.getMaxValue() / 1e6;
    }
}
