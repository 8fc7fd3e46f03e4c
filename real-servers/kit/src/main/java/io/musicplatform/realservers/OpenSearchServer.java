package io.musicplatform.realservers;

import io.musicplatform.realservers.opensearch.OpenSearchMain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A one-node OpenSearch cluster, which speaks the Elasticsearch REST API, on 127.0.0.1.
 *
 * <p>Stopped and started again, it keeps its node folder, so its indices, aliases and documents.
 */
public final class OpenSearchServer extends RealServer {

    private final int httpPort;
    private final int transportPort;

    OpenSearchServer(Path directory, int httpPort, int transportPort) {
        super(directory);
        this.httpPort = httpPort;
        this.transportPort = transportPort;
    }

    @Override
    public ServerKind kind() {
        return ServerKind.OPENSEARCH;
    }

    /** {@code host:port}, the form quarkus.elasticsearch.hosts takes. */
    public String hostAndPort() {
        return "127.0.0.1:" + httpPort;
    }

    public String url() {
        return "http://" + hostAndPort();
    }

    @Override
    public Map<String, String> addresses() {
        return Map.of("url", url());
    }

    @Override
    void start() {
        process = ServerProcess.startJava("opensearch", directory, ServerClasspath.of("opensearch"),
                List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC", "-Dlog4j2.disable.jmx=true"),
                "io.musicplatform.realservers.opensearch.OpenSearchMain",
                List.of(directory.resolve("node").toString(), String.valueOf(httpPort), String.valueOf(transportPort)));
        process.awaitReady(Duration.ofSeconds(120), () -> process.logContains(OpenSearchMain.READY_LINE));
    }
}
