package io.musicplatform.realservers.opensearch;

import org.codelibs.opensearch.runner.OpenSearchRunner;

import java.util.concurrent.CountDownLatch;

/**
 * Runs a real one-node OpenSearch (Elasticsearch REST API) until this JVM is told to stop.
 *
 * <p>Arguments: base directory, HTTP port, transport port. Both listen on 127.0.0.1 only. Once the
 * cluster is yellow the line {@value #READY_LINE} is printed for the kit.
 */
public final class OpenSearchMain {

    public static final String READY_LINE = "real-servers: opensearch ready";

    private OpenSearchMain() {
    }

    public static void main(String[] args) throws Exception {
        String basePath = args[0];
        int httpPort = Integer.parseInt(args[1]);
        int transportPort = Integer.parseInt(args[2]);

        OpenSearchRunner runner = new OpenSearchRunner();
        // The runner only accepts HTTP ports up to a maximum (9299 by default); ours may be any free port.
        runner.setMaxHttpPort(httpPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception e) {
                System.err.println("real-servers: opensearch did not stop cleanly: " + e);
            } finally {
                stopped.countDown();
            }
        }, "opensearch-stop"));

        runner.onBuild((index, settings) -> {
            settings.put("http.host", "127.0.0.1");
            settings.put("transport.host", "127.0.0.1");
            settings.put("http.port", String.valueOf(httpPort));
            settings.put("transport.port", String.valueOf(transportPort));
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        }).build(OpenSearchRunner.newConfigs()
                .basePath(basePath)
                .numOfNode(1)
                .baseHttpPort(httpPort - 1)
                .clusterName("music")
                .disableESLogger());
        runner.ensureYellow();
        System.out.println(READY_LINE);
        System.out.flush();
        stopped.await();
    }
}
