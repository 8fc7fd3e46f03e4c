package io.musicplatform.servicecore.problem;

import io.musicplatform.realservers.RealServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** Every way a request can fail ends as application/problem+json with a title that says what was wrong. */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka"))
class ProblemMappersTest {

    @Test
    void bodyThatIsNotJson() {
        given().contentType("application/json").body("{\"title\": \"Étoile\", ").post("/probe/drafts").then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("title", is("Malformed request body"))
                .body("status", is(400))
                .body("instance", is("/probe/drafts"));
    }

    @Test
    void bodyWithAFieldOfTheWrongType() {
        given().contentType("application/json").body("{\"title\": \"Étoile\", \"year\": \"last year\"}").post("/probe/drafts").then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("title", is("Malformed request body"))
                .body("errors.field", hasItems("year"));
    }

    @Test
    void bodyThatBreaksTheConstraintsNamesEachField() {
        given().contentType("application/json").body("{\"title\": \" \", \"year\": 0, \"artists\": [\"\"]}").post("/probe/drafts").then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("title", is("Invalid request"))
                .body("errors.field", hasItems("title", "year", "artists[0]"))
                .body("detail", containsString("year"));
    }

    @Test
    void queryParameterOutOfRange() {
        given().queryParam("limit", 1000).get("/probe/items").then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("title", is("Invalid request"))
                .body("errors[0].field", is("limit"))
                .body("errors[0].message", containsString("100"));
    }

    @Test
    void queryParameterThatIsNotANumber() {
        given().queryParam("limit", "ten").get("/probe/items").then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("title", is("Invalid request"));
    }

    @Test
    void unknownPath() {
        given().get("/probe/nothing-here").then()
                .statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("title", is("Not Found"));
    }

    @Test
    void wrongMethod() {
        given().delete("/probe/items").then()
                .statusCode(405).contentType(Problem.MEDIA_TYPE)
                .body("title", is("Method Not Allowed"));
    }

    @Test
    void wrongContentType() {
        given().contentType("text/plain").body("hello").post("/probe/drafts").then()
                .statusCode(415).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void noTokenWhereOneIsNeeded() {
        given().get("/probe/private").then()
                .statusCode(401).contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("title", is("Authentication required"));
    }

    @Test
    void anEndpointWithoutSecurityAnnotationIsRefused() {
        given().get("/forgotten").then()
                .statusCode(401).contentType(Problem.MEDIA_TYPE)
                .body(not(containsString("nobody should read this")));
    }

    @Test
    void aBugSaysSoWithoutItsInternals() {
        given().get("/probe/bug").then()
                .statusCode(500).contentType(Problem.MEDIA_TYPE)
                .body("title", is("Internal error"))
                .body("detail", containsString("error id"))
                .body("detail", not(containsString("internal details")));
    }
}
