package io.musicplatform.benchmarks;

import io.musicplatform.realservers.ServiceProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads a launched service's Prometheus metrics ({@code /q/metrics} on its management port): how a
 * benchmark learns that a projection is complete or an outbox drained without asking the service's
 * store behind its back.
 */
public final class ServiceMetrics {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ServiceProcess service;

    public ServiceMetrics(ServiceProcess service) {
        this.service = service;
    }

    /**
     * The sum of every series of {@code name} (as Prometheus prints it, e.g.
     * {@code music_outbox_pending}) whose labels contain {@code labelFilter} (such as
     * {@code outcome="applied"}; empty for all); 0 when there is none yet.
     */
    public double sum(String name, String labelFilter) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.managementUri() + "/metrics")).timeout(Duration.ofSeconds(10))
                .GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(service.name() + "'s /q/metrics answered " + response.statusCode());
        }
        double sum = 0;
        for (String line : response.body().split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                String series = line.substring(0, line.lastIndexOf(' '));
                if (series.contains(labelFilter)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }
}
