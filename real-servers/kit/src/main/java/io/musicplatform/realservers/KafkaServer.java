package io.musicplatform.realservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Apache Kafka in KRaft mode, one node acting as broker and controller, on 127.0.0.1.
 *
 * <p>Stopped and started again, it keeps everything: the storage is formatted only on the first
 * start (its {@code meta.properties} holds the cluster id), so topics, their records and committed
 * consumer offsets are all there, behind the same bootstrap address.
 */
public final class KafkaServer extends RealServer {

    private final int port;
    private final int controllerPort;

    KafkaServer(Path directory, int port, int controllerPort) {
        super(directory);
        this.port = port;
        this.controllerPort = controllerPort;
    }

    @Override
    public ServerKind kind() {
        return ServerKind.KAFKA;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public Map<String, String> addresses() {
        return Map.of("bootstrap servers", bootstrapServers());
    }

    @Override
    void start() {
        Path logs = directory.resolve("data");
        Path config = directory.resolve("server.properties");
        Path log4j = directory.resolve("log4j2.properties");
        try {
            Files.createDirectories(logs);
            Files.writeString(config, String.join("\n",
                    "node.id=1",
                    "process.roles=broker,controller",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + logs,
                    "num.partitions=1",
                    "offsets.topic.replication.factor=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    // Topics are created by their owners with their settings (track-ingested is compacted), never by accident.
                    "auto.create.topics.enable=false",
                    ""));
            Files.writeString(log4j, String.join("\n",
                    "status = warn",
                    "appender.out.type = Console",
                    "appender.out.name = out",
                    "appender.out.target = SYSTEM_OUT",
                    "appender.out.layout.type = PatternLayout",
                    "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                    "rootLogger.level = INFO",
                    "rootLogger.appenderRef.out.ref = out",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the Kafka configuration in " + directory, e);
        }
        List<String> classpath = ServerClasspath.of("kafka");
        List<String> jvm = List.of("-Xms128m", "-Xmx512m", "-Dlog4j2.configurationFile=" + log4j, "-Dkafka.logs.dir=" + directory);
        if (!Files.exists(logs.resolve("meta.properties"))) {
            ServerProcess format = ServerProcess.startJava("kafka-storage-format", directory.resolve("format"), classpath, jvm,
                    "kafka.tools.StorageTool", List.of("format", "-t", clusterId(), "-c", config.toString()));
            int code = format.awaitExit(Duration.ofSeconds(60));
            if (code != 0) {
                throw new IllegalStateException("Formatting Kafka's storage failed with code " + code + ". Last lines of "
                        + format.logFile() + ":\n" + format.logTail());
            }
        }
        process = ServerProcess.startJava("kafka", directory, classpath, jvm, "kafka.Kafka", List.of(config.toString()));
        process.awaitReady(Duration.ofSeconds(90), () -> process.logContains("Kafka Server started") && accepts(port));
    }

    /**
     * Runs one of Kafka's own command-line tools (such as {@code org.apache.kafka.tools.ProducerPerformance})
     * in a JVM of its own, on this server's classpath, where kafka-tools sits at the broker's version,
     * and returns what it printed. Benchmarks measure their ceiling with it: the tool Kafka ships for
     * that, kept off the caller's classpath like the broker's jars.
     */
    public String runTool(String name, String mainClass, List<String> arguments, Duration within) {
        Path folder = directory.resolve("tools").resolve(name);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + folder, e);
        }
        ServerProcess tool = ServerProcess.startJava(name, folder, ServerClasspath.of("kafka"),
                List.of("-Xms256m", "-Xmx512m", "-Dlog4j2.configurationFile=" + directory.resolve("log4j2.properties")), mainClass, arguments);
        int code = tool.awaitExit(within);
        if (code != 0) {
            throw new IllegalStateException(name + " failed with code " + code + ". Last lines of " + tool.logFile() + ":\n" + tool.logTail());
        }
        try {
            return Files.readString(tool.logFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + tool.logFile(), e);
        }
    }

    /** A cluster id in Kafka's format: 16 random bytes, URL-safe base64 without padding, not starting with '-'. */
    private static String clusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }
}
