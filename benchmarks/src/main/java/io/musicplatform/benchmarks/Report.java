package io.musicplatform.benchmarks;

import io.musicplatform.benchmarks.load.LoadResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table a benchmark ends with: each figure, the ceiling measured in the same run, their ratio,
 * the target and whether it was met.
 */
public final class Report {

    /** One line of the table; empty cells are printed as "-". */
    public record Row(String figure, String measured, String ceiling, String ratio, String target, String result) {
    }

    private static final List<String> HEADER = List.of("figure", "measured", "ceiling", "ratio", "target", "result");

    private final List<Row> rows = new ArrayList<>();

    public void add(Row row) {
        rows.add(row);
    }

    /** A figure with no target: shown for what it tells. */
    public void info(String figure, String measured) {
        add(new Row(figure, measured, "", "", "", ""));
    }

    /** A throughput against the ceiling, with a minimum ratio (0 for none); errors fail it. */
    public void throughput(String figure, double measured, long errors, double ceiling, double minimumRatio) {
        double ratio = measured / ceiling;
        String target = minimumRatio > 0 ? ">= " + percent(minimumRatio) + " of ceiling" : "";
        add(new Row(figure, perSecond(measured) + errorNote(errors), perSecond(ceiling), percent(ratio), target,
                minimumRatio > 0 || errors > 0 ? verdict(ratio >= minimumRatio && errors == 0) : ""));
    }

    /** A latency with a ceiling it must stay under; errors fail it. */
    public void latency(String figure, double millis, long errors, double maximumMillis) {
        add(new Row(figure, millis(millis) + errorNote(errors), "", "", "< " + millis(maximumMillis),
                verdict(millis < maximumMillis && errors == 0)));
    }

    /** A throughput with an absolute minimum (the ratio to the ceiling is judged on its own row). */
    public void atLeast(String figure, double measured, double minimum) {
        add(new Row(figure, perSecond(measured), "", "", ">= " + perSecond(minimum), verdict(measured >= minimum)));
    }

    /** A check that holds or not, such as counts that must equal what was produced; {@code measured} says what was found. */
    public void check(String figure, String measured, String target, boolean passed) {
        add(new Row(figure, measured, "", "", target, verdict(passed)));
    }

    /**
     * A latency against the same latency of the ceiling (the raw request, at the same rate), with a
     * maximum ratio; errors of either fail it.
     */
    public void latencyAgainst(String figure, double millis, long errors, double ceilingMillis, long ceilingErrors, double maximumRatio) {
        double ratio = millis / ceilingMillis;
        add(new Row(figure, millis(millis) + errorNote(errors), millis(ceilingMillis) + errorNote(ceilingErrors),
                String.format(Locale.ROOT, "%.2f", ratio), String.format(Locale.ROOT, "<= %.2f x ceiling", maximumRatio),
                verdict(ratio <= maximumRatio && errors == 0 && ceilingErrors == 0)));
    }

    /**
     * A delay held to an absolute maximum, shown beside the same delay of its ceiling (the bare
     * mechanism it is built on, measured in the same run) and their ratio.
     */
    public void delayAgainst(String figure, double millis, double ceilingMillis, double maximumMillis) {
        add(new Row(figure, millis(millis), millis(ceilingMillis), String.format(Locale.ROOT, "%.2f", millis / ceilingMillis),
                "< " + millis(maximumMillis), verdict(millis < maximumMillis)));
    }

    /**
     * The latencies of an open-loop run, p50 to max, its p99 held to {@code p99MaximumMillis} (errors
     * fail it).
     */
    public void openLoop(String figure, LoadResult run, double p99MaximumMillis) {
        info(figure + ", p50", millis(run.latencyMillis(50)));
        info(figure + ", p90", millis(run.latencyMillis(90)));
        latency(figure + ", p99", run.latencyMillis(99), run.errors(), p99MaximumMillis);
        info(figure + ", p99.9", millis(run.latencyMillis(99.9)));
        info(figure + ", max", millis(run.maxLatencyMillis()));
    }

    public boolean allPassed() {
        return rows.stream().noneMatch(row -> row.result().equals("FAIL"));
    }

    /** The table in aligned columns, ready to print or paste into Markdown as a code block. */
    public String table() {
        List<List<String>> lines = new ArrayList<>();
        lines.add(HEADER);
        rows.forEach(row -> lines.add(List.of(row.figure(), row.measured(), row.ceiling(), row.ratio(), row.target(), row.result())
                .stream().map(cell -> cell.isEmpty() ? "-" : cell).toList()));
        int[] widths = new int[HEADER.size()];
        lines.forEach(line -> {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        });
        StringBuilder table = new StringBuilder();
        for (List<String> line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                text.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", line.get(i))).append(i < widths.length - 1 ? "  " : "");
            }
            table.append(text.toString().stripTrailing()).append('\n');
        }
        return table.toString();
    }

    public static String perSecond(double rate) {
        return String.format(Locale.ROOT, "%,.0f/s", rate);
    }

    public static String millis(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.2f ms" : "%.1f ms", millis);
    }

    public static String percent(double ratio) {
        return String.format(Locale.ROOT, ratio < 0.1 ? "%.1f%%" : "%.0f%%", ratio * 100);
    }

    private static String verdict(boolean passed) {
        return passed ? "PASS" : "FAIL";
    }

    private static String errorNote(long errors) {
        return errors == 0 ? "" : String.format(Locale.ROOT, " (%,d errors)", errors);
    }
}
