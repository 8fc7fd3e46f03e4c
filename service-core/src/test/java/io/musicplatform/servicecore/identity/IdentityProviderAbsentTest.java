package io.musicplatform.servicecore.identity;

import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.servicecore.problem.Problem;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

/** With the identity provider away, a token cannot be checked: 503 problem+json to retry, never a 500. */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class, initArgs = {
        @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka"),
        @ResourceArg(name = RealServersTestResource.ABSENT, value = "keycloak")})
class IdentityProviderAbsentTest {

    @Test
    void aTokenThatCannotBeCheckedIsAnOutageNotABug() {
        given().auth().oauth2("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl").get("/me").then()
                .statusCode(503).contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", "5")
                .body("title", is("Identity provider unavailable"));
    }
}
