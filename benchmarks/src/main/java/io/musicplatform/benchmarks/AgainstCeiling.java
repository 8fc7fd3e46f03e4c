package io.musicplatform.benchmarks;

import io.musicplatform.benchmarks.load.LoadGenerator;
import io.musicplatform.benchmarks.load.LoadResult;
import io.musicplatform.benchmarks.load.Request;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The maximum throughput of a request and of its ceiling (the same service's cheapest request behind
 * the same token check), in windows that alternate after a warm-up of each: whatever else keeps the
 * machine busy weighs on both alike, so their ratio holds even where the absolute figures move with
 * the machine's load.
 */
public final class AgainstCeiling {

    /** Each figure and its ceiling are measured in turn, this many times, for this long each. */
    public static final int ROUNDS = 4;
    public static final Duration WINDOW = Duration.ofSeconds(5);
    public static final Duration WARM_UP = Duration.ofSeconds(5);

    /** A figure and the ceiling it is compared with, each measured in the windows between the other's. */
    public record Measured(LoadResult figure, LoadResult ceiling) {
    }

    private AgainstCeiling() {
    }

    /** Both on one generator. */
    public static Measured measure(LoadGenerator load, String name, Supplier<Request> figure, String ceilingName,
                                   Supplier<Request> ceiling) {
        return measure(name, load, figure, ceilingName, load, ceiling);
    }

    /**
     * Each on a generator of its own (of as many connections), for a benchmark that must count what
     * one of them was answered over the whole run.
     */
    public static Measured measure(String name, LoadGenerator figureLoad, Supplier<Request> figure,
                                   String ceilingName, LoadGenerator ceilingLoad, Supplier<Request> ceiling) {
        figureLoad.maxThroughput(figure, WARM_UP);
        ceilingLoad.maxThroughput(ceiling, WARM_UP);
        List<LoadResult> figures = new ArrayList<>();
        List<LoadResult> ceilings = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            figures.add(figureLoad.maxThroughput(figure, WINDOW));
            ceilings.add(ceilingLoad.maxThroughput(ceiling, WINDOW));
        }
        Measured measured = new Measured(LoadResult.combined(figures), LoadResult.combined(ceilings));
        for (var result : List.of(Map.entry(name, measured.figure()), Map.entry(ceilingName, measured.ceiling()))) {
            System.out.printf(Locale.ROOT, "bench: %-28s %s over %d x %d s, p50 %s, p99 %s, %d errors%n", result.getKey(),
                    Report.perSecond(result.getValue().throughput()), ROUNDS, WINDOW.toSeconds(),
                    Report.millis(result.getValue().latencyMillis(50)), Report.millis(result.getValue().latencyMillis(99)),
                    result.getValue().errors());
        }
        return measured;
    }
}
