package io.musicplatform.servicecore.identity;

import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.servicecore.problem.Problem;
import io.musicplatform.servicetesting.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** GET /me answers the caller's identity from a real token of the kit's Keycloak, and only to a valid one. */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,keycloak"))
class IdentityResourceTest {

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realm;

    @TestHTTPResource(value = "openapi", management = true)
    URL openApi;

    private TestTokens tokens() {
        return TestTokens.forRealm(realm);
    }

    @Test
    void aListenerIsToldWhoTheyAre() {
        String token = tokens().listener();
        given().auth().oauth2(token).get("/me").then()
                .statusCode(200).contentType(startsWith("application/json"))
                .body("userId", is(TestTokens.subject(token)))
                .body("username", is("listener"))
                .body("roles", hasItem("user"))
                .body("roles", not(hasItem("admin")))
                // The demo listener's profile says FR; the realm's mapper puts it in the token.
                .body("country", is("FR"));
    }

    @Test
    void aListenerWithoutCountryHasTheFieldNull() {
        String token = tokens().listenerWithoutCountry();
        given().auth().oauth2(token).get("/me").then()
                .statusCode(200)
                .body("username", is("nomad"))
                .body("$", hasKey("country"))
                .body("country", nullValue());
    }

    @Test
    void anOperatorHasBothRoles() {
        given().auth().oauth2(tokens().operator()).get("/me").then()
                .statusCode(200)
                .body("username", is("operator"))
                .body("roles", hasItems("user", "admin"));
    }

    @Test
    void refusesARequestWithoutAToken() {
        given().get("/me").then()
                .statusCode(401).contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("title", is("Authentication required"));
    }

    @Test
    void refusesAnExpiredOrForgedToken() {
        given().auth().oauth2(tokens().expired()).get("/me").then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(tokens().foreignKey()).get("/me").then().statusCode(401).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void isDocumentedWithItsErrors() {
        given().queryParam("format", "json").get(openApi).then().statusCode(200)
                .body("paths.'/me'.get.operationId", is("whoAmI"))
                .body("paths.'/me'.get.responses.'200'.content.'application/json'.schema.'$ref'", is("#/components/schemas/Identity"))
                .body("paths.'/me'.get.responses.'401'.content.'application/problem+json'", notNullValue())
                .body("paths.'/me'.get.responses.'503'.content.'application/problem+json'", notNullValue())
                .body("components.schemas.Identity.properties.country.examples", hasItem("FR"));
    }
}
