package io.musicplatform.realservers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Prometheus (Debian's {@code prometheus} package, which {@code bin/test} installs) scraping
 * the given targets' {@code /q/metrics} every second, for the end-to-end suite and the dashboard
 * checks: {@link #query} runs PromQL against what it scraped.
 *
 * <p>It runs under a small shell that holds a pipe only this JVM writes to: when this JVM ends, even
 * by {@code kill -9}, the pipe closes and the shell stops Prometheus. Its pid file in
 * {@code directory} names that shell: put the directory inside a platform's folder (the end-to-end
 * suite uses {@code <platform>/prometheus}) and {@code bin/platform down}, or the next start of that
 * platform, stops the shell and Prometheus under it, as for every server of the kit.
 */
public final class PrometheusServer implements AutoCloseable {

    /** Where Debian's package puts it. */
    public static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final Duration READY_WITHIN = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Starts Prometheus (its arguments follow) and lives as long as it does; a watcher stops it once
     * the shell's stdin closes (fd 3: an asynchronous command's own stdin is /dev/null).
     */
    private static final String GUARD = "exec 3<&0; \"$0\" \"$@\" & child=$!; (cat <&3 > /dev/null; kill $child 2> /dev/null) & wait $child";

    /** One series of a query's answer: its labels and its value at the query's time. */
    public record Sample(Map<String, String> labels, double value) {
    }

    private final Process process;
    private final OutputStream lifeline;
    private final Path logFile;
    private final int port;

    private PrometheusServer(Process process, Path logFile, int port) {
        this.process = process;
        this.lifeline = process.getOutputStream();
        this.logFile = logFile;
        this.port = port;
    }

    /**
     * Starts Prometheus with its data, configuration, log and pid file in {@code directory}, scraping
     * for each job (name to {@code host:port} targets) {@code /q/metrics} every second; waits until it is ready.
     */
    public static PrometheusServer start(Path directory, Map<String, List<String>> jobs) {
        return start(BINARY, directory, jobs);
    }

    static PrometheusServer start(Path binary, Path directory, Map<String, List<String>> jobs) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("Prometheus is not installed (no " + binary + "): bin/test installs it, "
                    + "or run apt-get install -y --no-install-recommends prometheus as root");
        }
        int port = Ports.free();
        Path home = directory.toAbsolutePath().normalize();
        Path config = home.resolve("prometheus.yml");
        Path logFile = home.resolve("prometheus.log");
        try {
            Files.createDirectories(home.resolve("data"));
            Files.writeString(config, configuration(jobs));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare Prometheus in " + home, e);
        }
        List<String> command = List.of("sh", "-c", GUARD, binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + home.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--storage.tsdb.retention.time=1d");
        Process process = ChildProcesses.launch("prometheus", command, Map.of(), home, logFile, home.resolve("prometheus.pid"), false);
        PrometheusServer prometheus = new PrometheusServer(process, logFile, port);
        try {
            prometheus.awaitReady();
            return prometheus;
        } catch (RuntimeException e) {
            prometheus.close();
            throw e;
        }
    }

    /** Its configuration: one job per entry, scraped every second at {@code /q/metrics}. */
    static String configuration(Map<String, List<String>> jobs) {
        StringBuilder yaml = new StringBuilder("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\nscrape_configs:\n");
        jobs.forEach((job, targets) -> {
            yaml.append("  - job_name: '").append(job).append("'\n    metrics_path: /q/metrics\n    static_configs:\n      - targets: [");
            yaml.append(String.join(", ", targets.stream().map(target -> "'" + target + "'").toList())).append("]\n");
        });
        return yaml.toString();
    }

    /** {@code http://127.0.0.1:<port>}: its web UI and HTTP API. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    /** The instant vector PromQL {@code expression} gives now. */
    public List<Sample> query(String expression) {
        String url = url() + "/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !"success".equals(answer.path("status").asString())) {
                throw new IllegalArgumentException("Prometheus refused '" + expression + "': " + response.statusCode() + " " + response.body());
            }
            List<Sample> samples = new ArrayList<>();
            JsonNode data = answer.path("data");
            String type = data.path("resultType").asString();
            if ("scalar".equals(type)) {
                samples.add(new Sample(Map.of(), number(data.path("result").path(1).asString())));
                return samples;
            }
            if (!"vector".equals(type)) {
                throw new IllegalArgumentException("'" + expression + "' gives a " + type + ", not an instant vector or a scalar");
            }
            for (JsonNode series : data.path("result")) {
                Map<String, String> labels = new LinkedHashMap<>();
                series.path("metric").properties().forEach(label -> labels.put(label.getKey(), label.getValue().asString()));
                samples.add(new Sample(labels, number(series.path("value").path(1).asString())));
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not ask Prometheus at " + url(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking Prometheus", e);
        }
    }

    /** A value as Prometheus writes it: a decimal, {@code NaN}, {@code +Inf} or {@code -Inf} (a ratio over zero). */
    static double number(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }

    /** Asks {@code expression} until {@code until} holds for its answer, for at most {@code within}; the answer that satisfied it. */
    public List<Sample> awaitQuery(String expression, Predicate<List<Sample>> until, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        List<Sample> last = List.of();
        while (System.nanoTime() < deadline) {
            last = query(expression);
            if (until.test(last)) {
                return last;
            }
            sleep();
        }
        throw new IllegalStateException("'" + expression + "' did not give what was awaited within " + within.toSeconds() + " s; last answer: " + last);
    }

    /** Stops Prometheus (SIGTERM, then SIGKILL after a grace) and the shell that guards it. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        try {
            lifeline.close();
        } catch (IOException ignored) {
            // The shell is gone already.
        }
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (RealServer.httpStatus(url() + "/-/ready") != 200) {
            // The guarding shell exits with Prometheus.
            boolean running = process.isAlive();
            if (!running || System.nanoTime() > deadline) {
                throw new IllegalStateException("Prometheus " + (running ? "was not ready within " + READY_WITHIN.toSeconds() + " s"
                        : "exited before it was ready") + ". Last lines of " + logFile + ":\n" + ChildProcesses.tail(logFile));
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Prometheus", e);
        }
    }
}
