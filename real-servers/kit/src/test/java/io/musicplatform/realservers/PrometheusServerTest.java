package io.musicplatform.realservers;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The kit's Prometheus scrapes real targets and answers PromQL about them: a stand-in service whose
 * counter moves, and a target where nothing listens.
 */
class PrometheusServerTest {

    private static final Path ROOT = Path.of("target", "prometheus").toAbsolutePath();

    @Test
    void scrapesItsTargetsAndAnswersQueriesAboutThem() throws Exception {
        AtomicLong plays = new AtomicLong(3);
        HttpServer service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/q/metrics", exchange -> {
            byte[] body = ("# TYPE music_plays_granted_total counter\nmusic_plays_granted_total " + plays.get() + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
        String nowhere = "127.0.0.1:" + Ports.free();
        try (PrometheusServer prometheus = PrometheusServer.start(ROOT.resolve(UUID.randomUUID().toString()),
                Map.of("playback-service", List.of("127.0.0.1:" + service.getAddress().getPort()), "gone", List.of(nowhere)))) {
            prometheus.awaitQuery("up{job=\"playback-service\"} == 1", samples -> samples.size() == 1, Duration.ofSeconds(20));
            assertThat(prometheus.awaitQuery("up{job=\"gone\"}", samples -> !samples.isEmpty(), Duration.ofSeconds(20)))
                    .singleElement().satisfies(sample -> {
                        assertThat(sample.value()).isZero();
                        assertThat(sample.labels()).containsEntry("instance", nowhere);
                    });
            prometheus.awaitQuery("music_plays_granted_total", samples -> samples.size() == 1 && samples.get(0).value() == 3, Duration.ofSeconds(20));

            plays.set(42);

            prometheus.awaitQuery("music_plays_granted_total", samples -> samples.size() == 1 && samples.get(0).value() == 42, Duration.ofSeconds(20));
            assertThat(prometheus.query("scalar(sum(music_plays_granted_total))")).singleElement()
                    .satisfies(sample -> assertThat(sample.value()).isEqualTo(42));
            assertThatThrownBy(() -> prometheus.query("sum(")).hasMessageContaining("Prometheus refused 'sum('");
        } finally {
            service.stop(0);
        }
    }

    @Test
    void withoutTheBinaryItSaysHowToInstallIt() {
        assertThatThrownBy(() -> PrometheusServer.start(Path.of("/nonexistent/prometheus"), ROOT.resolve("missing"), Map.of()))
                .hasMessageContaining("Prometheus is not installed (no /nonexistent/prometheus)")
                .hasMessageContaining("apt-get install -y --no-install-recommends prometheus");
    }

    @Test
    void aPrometheusThatCannotStartIsReportedAtOnceWithItsLog() {
        // A quote in a job's name breaks the configuration file: Prometheus refuses it and exits.
        assertThatThrownBy(() -> PrometheusServer.start(ROOT.resolve(UUID.randomUUID().toString()), Map.of("it's", List.of("127.0.0.1:1"))))
                .hasMessageContaining("Prometheus exited before it was ready")
                .hasMessageContaining("prometheus.yml");
    }

    @Test
    void valuesAreReadAsPrometheusWritesThem() {
        assertThat(PrometheusServer.number("+Inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(PrometheusServer.number("-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(PrometheusServer.number("NaN")).isNaN();
        assertThat(PrometheusServer.number("1.5e+06")).isEqualTo(1_500_000);
    }

    @Test
    void theConfigurationScrapesEveryTargetEverySecond() {
        assertThat(PrometheusServer.configuration(Map.of("stats-service", List.of("127.0.0.1:9083"))))
                .contains("scrape_interval: 1s", "job_name: 'stats-service'", "metrics_path: /q/metrics", "targets: ['127.0.0.1:9083']");
    }
}
