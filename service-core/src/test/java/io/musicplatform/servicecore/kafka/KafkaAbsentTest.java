package io.musicplatform.servicecore.kafka;

import io.musicplatform.realservers.RealServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/** With Kafka away, a service starts, stays alive and says it is not ready; it never crashes. */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.ABSENT, value = "kafka"))
class KafkaAbsentTest {

    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "health/live", management = true)
    URL liveness;

    @Test
    void isAliveButNotReady() {
        given().get(liveness).then().statusCode(200).body("status", is("UP"));
        // Within a probe's patience: the check gives Kafka music.kafka.readiness-timeout (2 s), not 60.
        given().get(readiness).then().statusCode(503)
                .time(lessThan(5_000L))
                .body("checks.find { it.name == 'Kafka topics' }.status", is("DOWN"))
                .body("checks.find { it.name == 'Kafka topics' }.data.error", containsString("Kafka did not list its topics"));
    }
}
