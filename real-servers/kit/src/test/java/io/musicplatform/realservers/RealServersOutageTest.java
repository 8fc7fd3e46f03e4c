package io.musicplatform.realservers;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Outage tests stop a server and start it again: it must come back on the same address with the
 * data it had. These tests stop this JVM's shared servers, so each starts its server again before
 * it ends, whatever happens in between.
 */
class RealServersOutageTest {

    private static RealServers servers;

    @BeforeAll
    static void startServers() {
        servers = SharedRealServers.start(EnumSet.of(ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.S3));
    }

    @Test
    void kafkaStoppedThenStartedKeepsItsTopicsAndRecordsOnTheSameAddress() throws Exception {
        KafkaServer before = servers.kafka();
        String bootstrap = before.bootstrapServers();
        String topic = "outage-check-" + UUID.randomUUID();
        List<String> sent = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 50; i++) {
                sent.add("play-" + i);
                producer.send(new ProducerRecord<>(topic, "track-" + (i % 5), "play-" + i));
            }
            producer.flush();
        }

        try {
            servers.stop(ServerKind.KAFKA);

            assertThat(servers.running()).extracting(RealServer::kind).doesNotContain(ServerKind.KAFKA);
            assertThatThrownBy(servers::kafka).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("kafka is stopped").hasMessageContaining("restart(ServerKind.KAFKA)");
            assertRefusesConnections(port(bootstrap));
            assertThat(before.process().onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            servers.start(EnumSet.of(ServerKind.KAFKA));
        }

        assertThat(servers.kafka().bootstrapServers()).isEqualTo(bootstrap);
        assertThat(servers.kafka()).isNotSameAs(before);
        assertThat(readAll(bootstrap, topic, sent.size())).containsExactlyElementsOf(sent);
    }

    @Test
    void postgresStoppedThenStartedKeepsItsRowsOnTheSamePort() throws Exception {
        String jdbcUrl = servers.postgres().jdbcUrl();
        String table = "outage_check_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = connect(jdbcUrl); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (id int PRIMARY KEY)");
            statement.execute("INSERT INTO " + table + " SELECT generate_series(1, 500)");
        }

        try {
            servers.stop(ServerKind.POSTGRES);

            assertThat(servers.running()).extracting(RealServer::kind).doesNotContain(ServerKind.POSTGRES);
            assertThatThrownBy(servers::postgres).hasMessageContaining("postgres is stopped");
            assertRefusesConnections(port(jdbcUrl.replaceAll(".*127\\.0\\.0\\.1:(\\d+)/.*", "127.0.0.1:$1")));
        } finally {
            servers.start(EnumSet.of(ServerKind.POSTGRES));
        }

        assertThat(servers.postgres().jdbcUrl()).isEqualTo(jdbcUrl);
        try (Connection connection = connect(jdbcUrl); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*), sum(id) FROM " + table)) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(500);
            assertThat(rows.getLong(2)).isEqualTo(500L * 501 / 2);
        }
    }

    @Test
    void restartBringsS3BackWithItsObjects() {
        String endpoint = servers.s3().endpoint();
        String key = "outage-check/" + UUID.randomUUID();
        try (S3Client client = s3(endpoint)) {
            client.putObject(o -> o.bucket(S3Server.BUCKET).key(key), RequestBody.fromString("kept"));
        }

        servers.restart(ServerKind.S3);

        assertThat(servers.s3().endpoint()).isEqualTo(endpoint);
        try (S3Client client = s3(endpoint)) {
            assertThat(client.getObjectAsBytes(o -> o.bucket(S3Server.BUCKET).key(key)).asUtf8String()).isEqualTo("kept");
        }
    }

    @Test
    void stoppingAServerThatIsNotRunningDoesNothing() {
        try (RealServers idle = RealServers.open(Path.of("target", "outage", "idle-" + UUID.randomUUID()), PortPlan.free())) {
            idle.stop(ServerKind.KAFKA);
            assertThat(idle.running()).isEmpty();
            assertThatThrownBy(idle::kafka).hasMessageContaining("kafka is not running here");
        }
    }

    private static List<String> readAll(String bootstrap, String topic, int expected) {
        List<String> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "outage-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (received.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    received.add(record.value());
                }
            }
        }
        return received;
    }

    private static Connection connect(String jdbcUrl) throws Exception {
        return DriverManager.getConnection(jdbcUrl, PostgresServer.USER, PostgresServer.PASSWORD);
    }

    private static S3Client s3(String endpoint) {
        return S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.of(S3Server.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static int port(String hostAndPort) {
        return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
    }

    private static void assertRefusesConnections(int port) {
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        }).as("port %d while its server is stopped", port).isInstanceOf(ConnectException.class);
    }
}
