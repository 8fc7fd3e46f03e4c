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

    /** The kit's servers it needs; the services are pointed at all of them. */
    EnumSet<ServerKind> servers();

    /**
     * Settings of {@code service} for this benchmark, beside those pointing it at the servers (as
     * {@code -D} properties, which outrank its {@code application.properties}): say why in the
     * benchmark's docs.
     */
    default Map<String, String> properties(String service) {
        return Map.of();
    }

    /** Measures, once the servers and services are ready; returns the figures to print. */
    Report run(RealServers servers, Map<String, ServiceProcess> services) throws Exception;
}
