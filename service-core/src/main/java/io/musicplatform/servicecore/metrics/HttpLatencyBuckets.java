package io.musicplatform.servicecore.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Gives Quarkus's HTTP server timer ({@code http_server_requests_seconds}) histogram buckets, so that
 * dashboards and the play-latency alert can compute percentiles across replicas with
 * {@code histogram_quantile}; without them Prometheus sees only a count, a sum and a max.
 *
 * <p>A fixed, short list of boundaries around the objectives (the play path's 25 ms, an API's
 * 100 ms to 1 s) rather than Micrometer's ~70 default buckets: each endpoint and status gets a
 * series per bucket, and twelve are enough to tell 10 ms from 25 ms from 100 ms.
 */
@Singleton
public class HttpLatencyBuckets {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    static final Duration[] BOUNDARIES = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    @Produces
    @Singleton
    MeterFilter httpServerLatencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
                    return config;
                }
                double[] nanos = new double[BOUNDARIES.length];
                for (int i = 0; i < BOUNDARIES.length; i++) {
                    nanos[i] = BOUNDARIES[i].toNanos();
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
