package io.musicplatform.benchmarks.load;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.List;

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

    /** Several runs of the same requests as one: their answers over their windows put end to end. */
    public static LoadResult combined(List<LoadResult> runs) {
        Histogram latencies = new Histogram(runs.getFirst().latencies().getHighestTrackableValue(), 3);
        long completed = 0;
        long errors = 0;
        Duration window = Duration.ZERO;
        for (LoadResult run : runs) {
            latencies.add(run.latencies());
            completed += run.completed();
            errors += run.errors();
            window = window.plus(run.window());
        }
        return new LoadResult(completed, errors, window, latencies);
    }

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
