package io.musicplatform.servicetesting;

import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

/**
 * What every service promises operators, tested against the running service on its real servers:
 * readiness that checks each store it needs, liveness, Prometheus metrics and its OpenAPI document,
 * all on the management interface and none on the API port that the gateway exposes.
 *
 * <p>A service's {@code @QuarkusTest} extends it, names its readiness checks and its API title.
 */
public abstract class OperationalEndpointsContract {

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

    @Test
    void isReadyOnlyOnceEveryStoreAnswers() {
        given().get(readiness).then().log().ifValidationFails()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems(readinessChecks().toArray(String[]::new)))
                .body("checks.status", everyItem(is("UP")));
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
                .body("info.title", is(apiTitle()));
    }

    @Test
    void keepsOperationalEndpointsOffTheApiPort() {
        for (String endpoint : List.of("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi")) {
            given().get(endpoint).then().statusCode(404);
        }
    }
}
