package io.musicplatform.benchmarks;

import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.ServiceProcess;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** One benchmark of {@code bin/bench}: the servers and packaged services it runs on, and what it measures. */
public interface Benchmark {

    /** The service modules it launches, packaged ({@code bin/bench} builds those whose jar is missing). */
    List<String> services();

    /**
     * Settings of the launched services beyond those that point them at the servers (configuration
     * property names, e.g. {@code music.ingestion.job-concurrency}); the same for each service.
     */
    default Map<String, String> settings() {
        return Map.of();
    }

    /** The kit's servers it needs; the services are pointed at all of them. */
    EnumSet<ServerKind> servers();

    /** Measures, once the servers and services are ready; returns the figures to print. */
    Report run(RealServers servers, Map<String, ServiceProcess> services) throws Exception;
}
