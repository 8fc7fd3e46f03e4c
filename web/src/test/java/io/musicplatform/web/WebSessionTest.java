package io.musicplatform.web;

import io.musicplatform.realservers.RealServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * The web app against the platform's real Keycloak (realm "music") and a stand-in gateway: a page
 * without a session goes to Keycloak's sign-in with PKCE; the relay refuses without a session and a
 * write without the CSRF token; once the demo listener has signed in on Keycloak's own form, the relay
 * forwards with their access token, keeps the browser's cookies back, and streams events one by one.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class, initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "keycloak"))
@WithTestResource(StandInGateway.class)
class WebSessionTest {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    @TestHTTPResource("/")
    URL app;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realmUrl;

    @Test
    void aPageWithoutASessionGoesToKeycloaksSignInWithPkce() {
        String location = given().redirects().follow(false).get("/").then().statusCode(302).extract().header("Location");
        assertThat(location).startsWith(realmUrl + "/protocol/openid-connect/auth?")
                .contains("client_id=music-app", "response_type=code", "code_challenge=", "code_challenge_method=S256");
    }

    @Test
    void theRelayAndTheSessionRefuseWithoutASession() {
        given().redirects().follow(false).get("/relay/api/search?q=amelie").then().statusCode(401)
                .contentType(startsWith("application/problem+json")).body("title", is("You are signed out"));
        given().redirects().follow(false).get("/session").then().statusCode(401)
                .contentType(startsWith("application/problem+json")).body("title", is("You are signed out"));
    }

    @Test
    void theRelayRefusesAWriteWithoutTheCsrfToken() {
        given().redirects().follow(false).contentType("application/json").body("{}").post("/relay/api/playback/tracks/t1/play")
                .then().statusCode(403).contentType(startsWith("application/problem+json"))
                .body("title", is("This request did not come from the music player's page"));
    }

    @Test
    void aPathClimbingOutOfTheApiNeverReachesTheGatewayOutsideIt() throws Exception {
        SignedIn browser = signIn("listener", "listener");
        // Dot segments, plain or percent-encoded, are resolved before routing: what climbs out of
        // /relay/api is not relayed at all.
        for (String path : List.of("/relay/api/%2e%2e/%2e%2e/q/health", "/relay/api/%2E%2E/session", "/relay/api/search/../../x")) {
            HttpResponse<String> answer = browser.send(browser.get(path));
            assertThat(answer.headers().firstValue("X-Upstream")).as(path + " answered by the gateway: " + answer.body()).isEmpty();
        }
        // An encoded slash is no separator: the segment stays one, under /api, for the gateway to refuse.
        HttpResponse<String> encoded = browser.send(browser.get("/relay/api/..%2f..%2fq/health"));
        assertThat(encoded.statusCode()).as(encoded.body()).isEqualTo(200);
        assertThat(new JsonObject(encoded.body()).getString("uri")).isEqualTo("/api/..%2f..%2fq/health");
    }

    @Test
    void theSessionNamesAnOperatorsAdminRoleForThePagesOperatorLinks() throws Exception {
        SignedIn browser = signIn("operator", "operator");

        HttpResponse<String> me = browser.send(browser.get("/session"));
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(new JsonObject(me.body()).getString("username")).isEqualTo("operator");
        assertThat(new JsonObject(me.body()).getJsonArray("roles").getList()).contains("admin", "user");
    }

    @Test
    void aSignedInListenersCallsReachTheGatewayWithTheirTokenAndNoCookie() throws Exception {
        SignedIn browser = signIn("listener", "listener");

        HttpResponse<String> me = browser.send(browser.get("/session"));
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(new JsonObject(me.body()).getString("username")).isEqualTo("listener");
        assertThat(new JsonObject(me.body()).getJsonArray("roles").getList()).contains("user").doesNotContain("admin");
        assertThat(browser.cookie("XSRF-TOKEN")).as("the CSRF token cookie").isNotNull();

        HttpResponse<String> read = browser.send(browser.get("/relay/api/search?q=amelie%20laurencon&size=5"));
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        JsonObject seen = new JsonObject(read.body());
        assertThat(seen.getString("method")).isEqualTo("GET");
        assertThat(seen.getString("uri")).isEqualTo("/api/search?q=amelie%20laurencon&size=5");
        String authorization = seen.getJsonObject("headers").getString("authorization");
        assertThat(authorization).startsWith("Bearer ");
        JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(authorization.substring("Bearer ".length()).split("\\.")[1]),
                StandardCharsets.UTF_8));
        assertThat(claims.getString("preferred_username")).isEqualTo("listener");
        assertThat(claims.getString("iss")).isEqualTo(realmUrl);
        assertThat(seen.getJsonObject("headers").containsKey("cookie")).as("the browser's cookies stay in the web app").isFalse();

        HttpResponse<String> refused = browser.send(browser.post("/relay/api/playback/tracks/t1/play", "{}").build());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);

        HttpResponse<String> write = browser.send(browser.post("/relay/api/playback/tracks/t1/play", "{\"platform\":\"web\"}")
                .header("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN")).build());
        assertThat(write.statusCode()).as(write.body()).isEqualTo(200);
        JsonObject written = new JsonObject(write.body());
        assertThat(written.getString("method")).isEqualTo("POST");
        assertThat(written.getString("uri")).isEqualTo("/api/playback/tracks/t1/play");
        assertThat(written.getString("body")).isEqualTo("{\"platform\":\"web\"}");
        assertThat(written.getJsonObject("headers").getString("authorization")).isEqualTo(authorization);
        assertThat(written.getJsonObject("headers").containsKey("x-xsrf-token")).isFalse();

        CompletableFuture<Void> secondEvent = StandInGateway.server.holdSecondEvent();
        HttpResponse<InputStream> stream = browser.http.send(browser.get("/relay/api/catalog/me/stream"), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            // The first event arrives while the gateway still holds the stream open: the relay buffers nothing.
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> readLine(events));
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("data: one");
            assertThat(secondEvent).isNotDone();
            secondEvent.complete(null);
            assertThat(readLine(events)).isEmpty();
            assertThat(readLine(events)).isEqualTo("data: two");
        }
    }

    @Test
    void wrongPasswordsStayOnKeycloaksForm() throws Exception {
        SignedIn browser = new SignedIn(base());
        HttpResponse<String> form = browser.send(browser.get("/"));
        HttpResponse<String> refused = browser.send(browser.form(loginAction(form.body()), "listener", "not-the-password"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.uri().toString()).startsWith(realmUrl);
        assertThat(browser.send(browser.get("/session")).statusCode()).isEqualTo(401);
    }

    /** Signs in as a browser would: the app sends it to Keycloak's form, which sends it back with a code. */
    private SignedIn signIn(String username, String password) throws Exception {
        SignedIn browser = new SignedIn(base());
        HttpResponse<String> form = browser.send(browser.get("/"));
        assertThat(form.uri().toString()).startsWith(realmUrl);
        HttpResponse<String> page = browser.send(browser.form(loginAction(form.body()), username, password));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.uri().toString()).isEqualTo(base() + "/");
        assertThat(page.body()).contains("<main id=\"view\"").contains("/static/bundle/");
        return browser;
    }

    private static String loginAction(String html) {
        Matcher action = FORM_ACTION.matcher(html);
        assertThat(action.find()).as("Keycloak's sign-in form in:\n" + html).isTrue();
        return action.group(1).replace("&amp;", "&");
    }

    /** The app at 127.0.0.1 (the realm's redirect addresses are loopback ones, any port). */
    private String base() {
        return "http://127.0.0.1:" + app.getPort();
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A cookie-keeping client that follows redirects, as a browser does. Its jar keeps cookies by name
     * and sends them all, Secure ones too over plain HTTP to 127.0.0.1, as browsers do for loopback
     * addresses (Java's CookieManager would hold Keycloak's Secure cookies back and the sign-in would fail).
     */
    private static final class SignedIn {
        final Map<String, String> cookies = new ConcurrentHashMap<>();
        final HttpClient http;
        final String base;

        SignedIn(String base) {
            this.base = base;
            this.http = HttpClient.newBuilder().cookieHandler(new CookieHandler() {
                @Override
                public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
                    return cookies.isEmpty() ? Map.of() : Map.of("Cookie", List.of(cookies.entrySet().stream()
                            .map(cookie -> cookie.getKey() + "=" + cookie.getValue()).collect(Collectors.joining("; "))));
                }

                @Override
                public void put(URI uri, Map<String, List<String>> responseHeaders) {
                    responseHeaders.forEach((name, values) -> {
                        if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                            values.stream().flatMap(value -> HttpCookie.parse(value).stream()).forEach(cookie -> {
                                if (cookie.hasExpired() || cookie.getMaxAge() == 0) {
                                    cookies.remove(cookie.getName());
                                } else {
                                    cookies.put(cookie.getName(), cookie.getValue());
                                }
                            });
                        }
                    });
                }
            }).followRedirects(HttpClient.Redirect.ALWAYS).build();
        }

        HttpRequest get(String path) {
            return HttpRequest.newBuilder(URI.create(base + path)).GET().build();
        }

        HttpRequest.Builder post(String path, String json) {
            return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
        }

        HttpRequest form(String action, String username, String password) {
            String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&credentialId=";
            return HttpRequest.newBuilder(URI.create(action)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }

        HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }

        String cookie(String name) {
            return cookies.get(name);
        }
    }
}
