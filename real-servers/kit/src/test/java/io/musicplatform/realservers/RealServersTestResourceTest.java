package io.musicplatform.realservers;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configuration the test resource hands a service: real servers where asked, dead ports where a server must be absent. */
class RealServersTestResourceTest {

    @Test
    void pointsEveryAbsentServerAtALoopbackPortWhereNothingAnswers() throws Exception {
        Map<String, String> config = started(Map.of(RealServersTestResource.ABSENT, "kafka,postgres,opensearch,s3,keycloak"));

        String kafka = config.get("kafka.bootstrap.servers");
        assertThat(kafka).matches("127\\.0\\.0\\.1:\\d+");
        String postgres = config.get("quarkus.datasource.reactive.url");
        assertThat(postgres).matches("postgresql://127\\.0\\.0\\.1:\\d+/" + PostgresServer.DATABASE);
        assertThat(config.get("quarkus.datasource.jdbc.url")).isEqualTo("jdbc:" + postgres);
        assertThat(config).containsEntry("quarkus.datasource.username", PostgresServer.USER)
                .containsEntry("quarkus.datasource.password", PostgresServer.PASSWORD);
        String openSearch = config.get("quarkus.elasticsearch.hosts");
        assertThat(openSearch).matches("127\\.0\\.0\\.1:\\d+");
        String s3 = config.get("music.storage.endpoint");
        assertThat(s3).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(config).containsEntry("music.storage.bucket", S3Server.BUCKET)
                .containsEntry("music.storage.access-key", S3Server.ACCESS_KEY);
        String realm = config.get("quarkus.oidc.auth-server-url");
        assertThat(realm).matches("http://127\\.0\\.0\\.1:\\d+/realms/" + KeycloakServer.REALM);

        Set<Integer> ports = new HashSet<>();
        for (String address : new String[] {kafka, postgres, openSearch, s3, realm}) {
            int port = URI.create(address.contains("://") ? address : "tcp://" + address).getPort();
            assertThat(refusesConnections(port)).as("nothing listens at %s", address).isTrue();
            ports.add(port);
        }
        assertThat(ports).as("one port per absent server").hasSize(5);

        HttpClient http = HttpClient.newHttpClient();
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(realm + "/.well-known/openid-configuration")).build(),
                HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void startsTheServersItIsGivenAndLeavesTheAbsentOnesDown() throws Exception {
        Map<String, String> config = started(Map.of(RealServersTestResource.SERVERS, "s3",
                RealServersTestResource.ABSENT, "keycloak"));

        S3Server s3 = SharedRealServers.start(Set.of(ServerKind.S3)).s3();
        assertThat(config).containsEntry("music.storage.endpoint", s3.endpoint());
        assertThat(refusesConnections(URI.create(s3.endpoint()).getPort())).isFalse();
        assertThat(refusesConnections(URI.create(config.get("quarkus.oidc.auth-server-url")).getPort())).isTrue();
        assertThat(config).doesNotContainKeys("kafka.bootstrap.servers", "quarkus.datasource.reactive.url");
    }

    @Test
    void refusesAServerThatIsBothStartedAndAbsent() {
        RealServersTestResource resource = new RealServersTestResource();
        assertThatThrownBy(() -> resource.init(Map.of(RealServersTestResource.SERVERS, "kafka,postgres",
                RealServersTestResource.ABSENT, "keycloak,postgres")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgres cannot be both started (\"servers\") and absent (\"absent\")")
                .hasMessageNotContaining("keycloak");
    }

    @Test
    void refusesATestThatNamesNoServerAtAll() {
        assertThatThrownBy(() -> new RealServersTestResource().init(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@ResourceArg(name = \"servers\"");
        assertThatThrownBy(() -> new RealServersTestResource().init(Map.of(RealServersTestResource.ABSENT, "kafak")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown server 'kafak'");
    }

    private static Map<String, String> started(Map<String, String> initArgs) {
        RealServersTestResource resource = new RealServersTestResource();
        resource.init(initArgs);
        try {
            return resource.start();
        } finally {
            resource.stop();
        }
    }

    private static boolean refusesConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            throw new AssertionError("Connecting to port " + port + " neither succeeded nor was refused", other);
        }
    }
}
