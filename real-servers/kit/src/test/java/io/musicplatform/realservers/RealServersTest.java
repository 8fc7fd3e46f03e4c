package io.musicplatform.realservers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each server the kit starts is the real thing and does what the services rely on. */
class RealServersTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RealServers servers;

    @BeforeAll
    static void startEveryServer() {
        servers = SharedRealServers.start(EnumSet.allOf(ServerKind.class));
    }

    @Test
    void kafkaProducesAndConsumesOnEveryPartition() throws Exception {
        String topic = "kit-check-" + UUID.randomUUID();
        String bootstrap = servers.kafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Set<String> sent = new HashSet<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 300; i++) {
                String value = "play-" + i;
                producer.send(new ProducerRecord<>(topic, "track-" + (i % 17), value)).get(30, TimeUnit.SECONDS);
                sent.add(value);
            }
        }
        Set<String> received = new HashSet<>();
        Set<Integer> partitions = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "kit-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (received.size() < sent.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    received.add(record.value());
                    partitions.add(record.partition());
                }
            }
        }
        assertThat(received).isEqualTo(sent);
        assertThat(partitions).hasSize(3);
    }

    @Test
    void postgresCommitsDurablyAndSeesItsCommits() throws Exception {
        PostgresServer postgres = servers.postgres();
        String table = "kit_check_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
             Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "fsync")).isEqualTo("on");
            assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
            statement.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, title text NOT NULL)");
            connection.setAutoCommit(false);
            statement.execute("INSERT INTO " + table + " VALUES (1, 'Bohemian Rhapsody'), (2, 'Imagine')");
            connection.commit();
            statement.execute("INSERT INTO " + table + " VALUES (3, 'rolled back')");
            connection.rollback();
        }
        try (Connection other = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
             Statement statement = other.createStatement();
             ResultSet rows = statement.executeQuery("SELECT title FROM " + table + " ORDER BY id")) {
            List<String> titles = new ArrayList<>();
            while (rows.next()) {
                titles.add(rows.getString(1));
            }
            assertThat(titles).containsExactly("Bohemian Rhapsody", "Imagine");
        }
    }

    @Test
    void openSearchIndexesAndFindsDespiteTypos() throws Exception {
        String base = servers.openSearch().url();
        JsonNode about = JSON.readTree(get(base + "/").body());
        assertThat(about.at("/version/distribution").asText()).isEqualTo("opensearch");

        String index = "kit-check-" + UUID.randomUUID();
        String[] titles = {"Bohemian Rhapsody", "Imagine", "Hotel California", "Smells Like Teen Spirit"};
        for (int i = 0; i < titles.length; i++) {
            HttpResponse<String> indexed = send("PUT", base + "/" + index + "/_doc/" + i + "?refresh=true",
                    "{\"title\":\"" + titles[i] + "\"}");
            assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);
        }
        HttpResponse<String> found = send("POST", base + "/" + index + "/_search",
                "{\"query\":{\"match\":{\"title\":{\"query\":\"bohemain rapsody\",\"fuzziness\":\"AUTO\"}}}}");
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        JsonNode hits = JSON.readTree(found.body()).at("/hits/hits");
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).at("/_source/title").asText()).isEqualTo("Bohemian Rhapsody");
    }

    @Test
    void s3ChecksSignaturesOfPresignedUrls() throws Exception {
        S3Server s3 = servers.s3();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3Server.ACCESS_KEY, S3Server.SECRET_KEY));
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        String key = "kit-check/" + UUID.randomUUID() + ".mp3";
        byte[] audio = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(audio);

        try (S3Client client = S3Client.builder().endpointOverride(URI.create(s3.endpoint())).region(Region.of(S3Server.REGION))
                .credentialsProvider(credentials).serviceConfiguration(pathStyle)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
             S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create(s3.endpoint()))
                     .region(Region.of(S3Server.REGION)).credentialsProvider(credentials).serviceConfiguration(pathStyle).build()) {
            assertThat(client.listBuckets().buckets()).extracting(Bucket::name).contains(S3Server.BUCKET);

            URI upload = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(o -> o.bucket(S3Server.BUCKET).key(key).contentType("audio/mpeg"))).url().toURI();
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(upload).header("Content-Type", "audio/mpeg")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(audio)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

            URI download = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(o -> o.bucket(S3Server.BUCKET).key(key))).url().toURI();
            HttpResponse<byte[]> whole = HTTP.send(HttpRequest.newBuilder(download).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.body()).isEqualTo(audio);

            HttpResponse<byte[]> range = HTTP.send(HttpRequest.newBuilder(download).header("Range", "bytes=100-199").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(audio, 100, 200));

            String url = download.toString();
            int signature = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
            char flipped = url.charAt(signature) == 'a' ? 'b' : 'a';
            URI tampered = URI.create(url.substring(0, signature) + flipped + url.substring(signature + 1));
            assertThat(status(tampered)).isEqualTo(403);

            URI unsigned = URI.create(s3.endpoint() + "/" + S3Server.BUCKET + "/" + key);
            assertThat(status(unsigned)).isEqualTo(403);

            var shortLived = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofSeconds(1))
                    .getObjectRequest(o -> o.bucket(S3Server.BUCKET).key(key)));
            awaitClockPast(shortLived.expiration().plusSeconds(1));
            assertThat(status(shortLived.url().toURI())).isEqualTo(403);

            assertThat(client.getObjectAsBytes(o -> o.bucket(S3Server.BUCKET).key(key)).asByteArray()).isEqualTo(audio);
        }
    }

    @Test
    void keycloakIssuesTokensThatVerifyAgainstTheRealmKeys() throws Exception {
        KeycloakServer keycloak = servers.keycloak();
        JwtConsumer verifier = new JwtConsumerBuilder()
                .setExpectedIssuer(keycloak.realmUrl())
                .setSkipDefaultAudienceValidation()
                .setRequireExpirationTime()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(
                        new HttpsJwks(keycloak.realmUrl() + "/protocol/openid-connect/certs")))
                .build();

        JwtClaims listener = verifier.processToClaims(passwordGrant(keycloak, "listener", "listener"));
        assertThat(listener.getClaimValueAsString("preferred_username")).isEqualTo("listener");
        assertThat(realmRoles(listener)).contains("user").doesNotContain("admin");

        String operatorToken = passwordGrant(keycloak, "operator", "operator");
        assertThat(realmRoles(verifier.processToClaims(operatorToken))).contains("user", "admin");

        String[] parts = operatorToken.split("\\.");
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"operator\"", "\"intruder\"").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verifier.processToClaims(parts[0] + "." + forgedPayload + "." + parts[2]))
                .isInstanceOf(InvalidJwtException.class);

        HttpResponse<String> refused = tokenRequest(keycloak, "listener", "wrong-password");
        assertThat(refused.statusCode()).isEqualTo(401);
    }

    @SuppressWarnings("unchecked")
    private static List<String> realmRoles(JwtClaims claims) throws Exception {
        Map<String, Object> realmAccess = (Map<String, Object>) claims.getClaimValue("realm_access");
        return (List<String>) realmAccess.get("roles");
    }

    private static String passwordGrant(KeycloakServer keycloak, String user, String password) throws Exception {
        HttpResponse<String> response = tokenRequest(keycloak, user, password);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private static HttpResponse<String> tokenRequest(KeycloakServer keycloak, String user, String password) throws Exception {
        String form = "grant_type=password&client_id=" + KeycloakServer.CLIENT_ID
                + "&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.realmUrl() + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String setting(Statement statement, String name) throws Exception {
        try (ResultSet rows = statement.executeQuery("SHOW " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int status(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Expiry is a matter of the clock: wait for it in short steps, no longer than needed. */
    private static void awaitClockPast(Instant instant) throws InterruptedException {
        while (Instant.now().isBefore(instant)) {
            Thread.sleep(Math.max(1, Math.min(200, Duration.between(Instant.now(), instant).toMillis())));
        }
    }
}
