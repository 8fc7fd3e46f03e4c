package io.musicplatform.servicetesting;

import io.musicplatform.events.TopicCreator;
import io.musicplatform.events.Topics;
import io.quarkus.test.common.http.TestHTTPResource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * What every service promises operators and clients, tested against the running service on its real
 * servers (Kafka, its store and Keycloak):
 * <ul>
 *   <li>it creates the topics it writes and waits, not ready, for those it reads; its channels name
 *       declared topics only;</li>
 *   <li>readiness checks each store, liveness, Prometheus metrics and the OpenAPI document, all on
 *       the management interface and none on the API port that the gateway exposes;</li>
 *   <li>its API refuses a request without a valid token (none, expired, signed by another key) with
 *       401, a listener on an operator endpoint with 403, a malformed request with 400, all as
 *       problem+json; an operator sees the service's topics.</li>
 * </ul>
 * A service's {@code @QuarkusTest} extends it (or {@link PostgresServiceContract}), names its
 * readiness checks and its API title.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class OperationalEndpointsContract {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Management URLs are relative to the management root path, /q. */
    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "health/live", management = true)
    URL liveness;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "openapi", management = true)
    URL openApi;

    /** The names of the readiness checks that prove the service reaches each of its stores. */
    protected abstract List<String> readinessChecks();

    /** The title of the service's OpenAPI document. */
    protected abstract String apiTitle();

    protected final Config config() {
        return ConfigProvider.getConfig();
    }

    /** The path every endpoint of the service lives under, e.g. {@code /api/catalog}. */
    protected final String api() {
        return config().getValue("quarkus.rest.path", String.class);
    }

    protected final TestTokens tokens() {
        return TestTokens.forRealm(config().getValue("quarkus.oidc.auth-server-url", String.class));
    }

    private List<String> topics(String property) {
        return config().getOptionalValue(property, String.class)
                .map(text -> Arrays.stream(text.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList())
                .orElse(List.of());
    }

    @Test
    @Order(1)
    void createsTheTopicsItWritesAndWaitsForThoseItReads() throws Exception {
        List<String> own = new ArrayList<>(topics("music.kafka.produces"));
        topics("music.kafka.consumes").forEach(topic -> own.add(Topics.deadLetter(topic)));
        String bootstrap = config().getValue("kafka.bootstrap.servers", String.class);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // Only looks: the service itself must have created what it writes, dead-letter topics included.
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .as("topics the service creates at start").containsAll(own));
            for (String topic : own) {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(10, TimeUnit.SECONDS).get(topic);
                assertThat(description.partitions()).as("partitions of %s", topic).hasSize(Topics.spec(topic).partitions());
            }
        }
        // What it reads belongs to other services, which create it as this test does now.
        TopicCreator.ensure(bootstrap, topics("music.kafka.consumes").stream().map(Topics::spec).toList(), Duration.ofSeconds(30));
    }

    @Test
    @Order(2)
    void isReadyOnlyOnceEveryStoreAnswers() {
        await().atMost(PATIENCE).untilAsserted(() -> given().get(readiness).then().log().ifValidationFails()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems(readinessChecks().toArray(String[]::new)))
                .body("checks.name", hasItem("Kafka topics"))
                .body("checks.status", everyItem(is("UP"))));
    }

    @Test
    void namesOnlyDeclaredTopicsInItsChannels() {
        Config config = config();
        assertThat(ChannelTopics.violations(config.getPropertyNames(), name -> config.getOptionalValue(name, String.class)))
                .isEmpty();
    }

    @Test
    void isLive() {
        given().get(liveness).then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void servesPrometheusMetrics() {
        // One request on the API port, so that the HTTP server metrics have something to show.
        given().get("/no-such-endpoint").then().statusCode(404);
        given().accept("text/plain").get(metrics).then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server_requests_seconds_count{"));
    }

    @Test
    void servesItsOpenApiDocument() {
        given().queryParam("format", "json").get(openApi).then().statusCode(200)
                .body("openapi", not(emptyOrNullString()))
                .body("info.title", is(apiTitle()))
                .body("components.securitySchemes.bearer.scheme", is("bearer"))
                .body("paths.'" + api() + "/admin/topics'.get.operationId", is("listTopics"));
    }

    /** DESIGN.md section 9: every endpoint has an operation id, and every error it declares is problem+json. */
    @Test
    @SuppressWarnings("unchecked")
    void describesEveryOperationAndItsErrors() {
        Map<String, Object> document = given().queryParam("format", "json").get(openApi).then().statusCode(200)
                .extract().jsonPath().getMap("");
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        List<String> faults = new java.util.ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, value) -> {
            if (!(value instanceof Map<?, ?> operation) || !List.of("get", "put", "post", "delete", "patch").contains(method)) {
                return;
            }
            String name = method.toUpperCase(java.util.Locale.ROOT) + " " + path;
            if (operation.get("operationId") == null) {
                faults.add(name + ": no operationId");
            }
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            if (responses == null || responses.keySet().stream().noneMatch(code -> code.startsWith("2") || code.startsWith("3"))) {
                faults.add(name + ": no success response");
                return;
            }
            responses.forEach((code, response) -> {
                Object content = response.get("content");
                if ((code.startsWith("4") || code.startsWith("5"))
                        && !(content instanceof Map<?, ?> types && types.containsKey("application/problem+json"))) {
                    faults.add(name + " " + code + ": not application/problem+json");
                }
            });
        }));
        assertThat(faults).as("OpenAPI operations").isEmpty();
        assertThat(((Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas"))).containsKey("Problem");
    }

    @Test
    void keepsOperationalEndpointsOffTheApiPort() {
        for (String endpoint : List.of("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi")) {
            given().get(endpoint).then().statusCode(404);
        }
    }

    @Test
    void refusesARequestWithoutAToken() {
        given().get(api() + "/admin/topics").then()
                .statusCode(401).contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("title", is("Authentication required"));
    }

    @Test
    void refusesAnExpiredToken() {
        given().auth().oauth2(tokens().expired()).get(api() + "/admin/topics").then()
                .statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void refusesATokenSignedByAnotherKey() {
        given().auth().oauth2(tokens().foreignKey()).get(api() + "/admin/topics").then()
                .statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void refusesAListenerOnAnOperatorEndpoint() {
        given().auth().oauth2(tokens().listener()).get(api() + "/admin/topics").then()
                .statusCode(403).contentType(startsWith("application/problem+json"))
                .body("title", is("Not allowed"));
    }

    @Test
    void showsAnOperatorItsTopics() {
        List<String> expected = new ArrayList<>(topics("music.kafka.produces"));
        expected.addAll(topics("music.kafka.consumes"));
        given().auth().oauth2(tokens().operator()).get(api() + "/admin/topics").then()
                .statusCode(200)
                .body("items.name", hasItems(expected.toArray(String[]::new)))
                .body("nextCursor", is((Object) null));
    }

    @Test
    void answersAMalformedRequestWithTheFieldAtFault() {
        String topic = topics("music.kafka.consumes").stream().findFirst().map(Topics::deadLetter).orElse("none");
        given().auth().oauth2(tokens().operator()).queryParam("topic", topic).queryParam("limit", 0)
                .get(api() + "/admin/dead-letters").then()
                .statusCode(400).contentType(startsWith("application/problem+json"))
                .body("title", is("Invalid request"))
                .body("errors.field", hasItem("limit"));
        given().auth().oauth2(tokens().operator()).queryParam("topic", "track-ingested-typo.dlq")
                .get(api() + "/admin/dead-letters").then()
                .statusCode(400).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("not a dead-letter topic of this service"));
    }

    @Test
    void answersAnUnknownPathWithProblemJson() {
        given().auth().oauth2(tokens().listener()).get(api() + "/no-such-thing").then()
                .statusCode(404).contentType(startsWith("application/problem+json"));
    }
}
