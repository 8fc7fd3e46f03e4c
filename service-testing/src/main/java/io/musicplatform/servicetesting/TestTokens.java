package io.musicplatform.servicetesting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicplatform.realservers.KeycloakServer;
import org.jose4j.base64url.Base64Url;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Bearer tokens for a service's security tests, from the real Keycloak that the kit runs (DESIGN.md
 * section 9: no token 401, a forged or expired token 401, a missing role 403):
 *
 * <ul>
 *   <li>{@link #listener()}: a real access token of user {@code listener} (realm role {@code user});</li>
 *   <li>{@link #operator()}: a real access token of user {@code operator} (roles {@code user} and {@code admin});</li>
 *   <li>{@link #expired()}: a real token of the realm, signed by the realm's key, whose {@code exp} is past;</li>
 *   <li>{@link #foreignKey()}: a token shaped exactly like the operator's, naming the realm's key, but
 *       signed by a key the realm does not know: a forgery;</li>
 *   <li>{@link #subject(String)}: the user id ({@code sub}) a token carries.</li>
 * </ul>
 *
 * <p>In a {@code @QuarkusTest} that runs on {@code RealServersTestResource} with {@code keycloak}, take
 * the realm from the application's own configuration, so that the tokens come from the very Keycloak
 * the service checks them against:
 *
 * <pre>{@code
 * @ConfigProperty(name = "quarkus.oidc.auth-server-url") String realm;
 * ... given().auth().oauth2(TestTokens.forRealm(realm).listener()) ...
 * }</pre>
 *
 * Outside Quarkus, {@code TestTokens.of(SharedRealServers.start(Set.of(ServerKind.KEYCLOAK)).keycloak())}.
 *
 * <p>Tokens are fetched through the password grant of the public client {@code music-app} and
 * reused until shortly before they expire; one instance per realm serves the whole test JVM. The
 * expired token comes from a client of its own, {@value #EXPIRING_CLIENT_ID}, which the first call
 * of {@link #expired()} creates through the admin API as a copy of {@code music-app} (same scopes
 * and mappers, so the same claims) whose tokens live one second; the shared realm file, which the
 * local platform uses too, is left alone.
 */
public final class TestTokens {

    /** The client that {@link #expired()} creates in the realm, whose access tokens live {@value #EXPIRING_LIFESPAN_SECONDS} s. */
    public static final String EXPIRING_CLIENT_ID = "music-app-expiring-tokens";
    private static final int EXPIRING_LIFESPAN_SECONDS = 1;
    /** The user {@link #listenerWithoutCountry()} creates; password as the name. */
    private static final String NO_COUNTRY_USER = "nomad";
    /** A cached token is handed out only while it has at least this long to live. */
    private static final Duration MINIMUM_REMAINING_LIFE = Duration.ofSeconds(30);
    private static final Duration FOREIGN_TOKEN_LIFE = Duration.ofMinutes(10);
    private static final Map<String, TestTokens> BY_REALM = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String realmUrl;
    private final String keycloakUrl;
    private final String realm;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, CachedToken> passwordGrants = new ConcurrentHashMap<>();
    private String expired;
    private RsaJsonWebKey foreignKey;

    private record CachedToken(String value, Instant expiresAt) {
    }

    private TestTokens(String realmUrl) {
        int realmsAt = realmUrl.lastIndexOf("/realms/");
        if (realmsAt < 0) {
            throw new IllegalArgumentException(realmUrl + " is not a Keycloak realm URL: expected http://<host>:<port>/realms/<realm>");
        }
        this.realmUrl = realmUrl;
        this.keycloakUrl = realmUrl.substring(0, realmsAt);
        this.realm = realmUrl.substring(realmsAt + "/realms/".length());
    }

    /** The tokens of the realm at {@code realmUrl} ({@code quarkus.oidc.auth-server-url}), shared by the whole JVM. */
    public static TestTokens forRealm(String realmUrl) {
        String normalized = realmUrl.endsWith("/") ? realmUrl.substring(0, realmUrl.length() - 1) : realmUrl;
        return BY_REALM.computeIfAbsent(normalized, TestTokens::new);
    }

    /** The tokens of the kit's running Keycloak. */
    public static TestTokens of(KeycloakServer keycloak) {
        return forRealm(keycloak.realmUrl());
    }

    public String realmUrl() {
        return realmUrl;
    }

    /** A real access token of user {@code listener}: realm role {@code user}, not {@code admin}. */
    public String listener() {
        return passwordGrant(KeycloakServer.CLIENT_ID, "listener", "listener");
    }

    /** A real access token of user {@code operator}: realm roles {@code user} and {@code admin}. */
    public String operator() {
        return passwordGrant(KeycloakServer.CLIENT_ID, "operator", "operator");
    }

    /**
     * A real access token of user {@code nomad}: realm role {@code user} and no {@code country} in
     * their profile (the realm file's demo users have one). The first call creates the user through
     * the admin API; the shared realm file is left alone.
     */
    public synchronized String listenerWithoutCountry() {
        ensureUserWithoutCountry();
        return passwordGrant(KeycloakServer.CLIENT_ID, NO_COUNTRY_USER, NO_COUNTRY_USER);
    }

    /**
     * A real access token of user {@code listener}, issued and signed by the realm, whose expiry is
     * past. The first call takes about two seconds: it waits, watching the clock, until the token's
     * {@code exp} (a whole second) is behind it, as Keycloak and quarkus-oidc see it.
     */
    public synchronized String expired() {
        if (expired == null) {
            ensureExpiringClient();
            String token = fetchPasswordGrant(EXPIRING_CLIENT_ID, "listener", "listener").value();
            // Expired means now > exp, compared in whole seconds: wait until the second after exp has begun.
            Instant pastExpiry = Instant.ofEpochSecond(expiry(token).getEpochSecond() + 1);
            awaitClockPast(pastExpiry);
            expired = token;
        }
        return expired;
    }

    /**
     * A token with the claims of a fresh operator token (issuer the realm, the operator's {@code sub},
     * {@code preferred_username}, realm roles {@code user} and {@code admin}, {@code exp} ten minutes
     * ahead) and the realm's key id in its header, signed with an RSA key generated in this JVM that
     * the realm never published: only a signature check tells it from a real one.
     */
    public synchronized String foreignKey() {
        String model = operator();
        try {
            if (foreignKey == null) {
                foreignKey = RsaJwkGenerator.generateJwk(2048);
            }
            JwtClaims claims = claims(model);
            Instant now = Instant.now();
            claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
            claims.setExpirationTime(NumericDate.fromSeconds(now.plus(FOREIGN_TOKEN_LIFE).getEpochSecond()));
            claims.setJwtId(UUID.randomUUID().toString());
            JsonWebSignature signature = new JsonWebSignature();
            signature.setPayload(claims.toJson());
            signature.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            signature.setHeader("typ", "JWT");
            signature.setKeyIdHeaderValue(header(model).path("kid").asText());
            signature.setKey(foreignKey.getPrivateKey());
            return signature.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Could not sign a token with a foreign key", e);
        }
    }

    /** The user id a token carries (its {@code sub} claim); the token is read, not verified. */
    public static String subject(String token) {
        try {
            return claims(token).getSubject();
        } catch (MalformedClaimException e) {
            throw new IllegalArgumentException("The token's sub claim is not a string", e);
        }
    }

    /** A token's claims, read without verifying anything: for assertions on tokens a test already trusts or means to reject. */
    public static JwtClaims claims(String token) {
        try {
            return JwtClaims.parse(Base64Url.decodeToUtf8String(part(token, 1)));
        } catch (InvalidJwtException e) {
            throw new IllegalArgumentException("Not a JSON Web Token: its payload is not a JSON object", e);
        }
    }

    private static JsonNode header(String token) {
        try {
            return JSON.readTree(Base64Url.decodeToUtf8String(part(token, 0)));
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a JSON Web Token: its header is not JSON", e);
        }
    }

    private static String part(String token, int index) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a signed JSON Web Token: expected three dot-separated parts, found " + parts.length);
        }
        return parts[index];
    }

    private static Instant expiry(String token) {
        try {
            return Instant.ofEpochSecond(claims(token).getExpirationTime().getValue());
        } catch (MalformedClaimException | NullPointerException e) {
            throw new IllegalStateException("The realm issued a token without a valid exp claim", e);
        }
    }

    private String passwordGrant(String clientId, String user, String password) {
        String key = clientId + "/" + user;
        CachedToken cached = passwordGrants.get(key);
        if (cached == null || Instant.now().plus(MINIMUM_REMAINING_LIFE).isAfter(cached.expiresAt())) {
            cached = fetchPasswordGrant(clientId, user, password);
            passwordGrants.put(key, cached);
        }
        return cached.value();
    }

    private CachedToken fetchPasswordGrant(String clientId, String user, String password) {
        JsonNode answer = tokenRequest(realmUrl, clientId, user, password);
        String token = answer.path("access_token").asText();
        return new CachedToken(token, expiry(token));
    }

    /** The password grant at a realm's token endpoint; its JSON answer, or an error that says why not. */
    private JsonNode tokenRequest(String realmBase, String clientId, String user, String password) {
        // Scope openid, as the web app asks: the token then also opens the realm's userinfo endpoint.
        Map<String, String> form = Map.of("grant_type", "password", "client_id", clientId, "scope", "openid",
                "username", user, "password", password);
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(realmBase + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token to " + user + " through client " + clientId + " at "
                    + realmBase + " (HTTP " + response.statusCode() + "): " + response.body());
        }
        return readJson(response);
    }

    /** Creates {@value #EXPIRING_CLIENT_ID} as a copy of music-app with one-second tokens, unless it exists. */
    private void ensureExpiringClient() {
        String adminToken = adminToken();
        String clients = keycloakUrl + "/admin/realms/" + realm + "/clients";
        JsonNode existing = readJson(adminRequest(adminToken, clients + "?clientId=" + EXPIRING_CLIENT_ID, "GET", null, 200));
        if (!existing.isEmpty()) {
            return;
        }
        JsonNode models = readJson(adminRequest(adminToken, clients + "?clientId=" + KeycloakServer.CLIENT_ID, "GET", null, 200));
        if (models.isEmpty()) {
            throw new IllegalStateException("Realm " + realm + " has no client " + KeycloakServer.CLIENT_ID + " to model "
                    + EXPIRING_CLIENT_ID + " on: is this the music realm?");
        }
        ObjectNode client = ((ObjectNode) models.get(0)).deepCopy();
        client.remove("id");
        client.put("clientId", EXPIRING_CLIENT_ID);
        client.put("name", "Test tokens that expire at once (created by service-testing's TestTokens)");
        client.put("publicClient", true);
        client.put("directAccessGrantsEnabled", true);
        client.put("standardFlowEnabled", false);
        client.putArray("redirectUris");
        client.withObject("attributes").put("access.token.lifespan", String.valueOf(EXPIRING_LIFESPAN_SECONDS));
        if (client.get("protocolMappers") instanceof ArrayNode mappers) {
            mappers.forEach(mapper -> ((ObjectNode) mapper).remove("id"));
        }
        // 409: another test JVM on the same Keycloak created the same client in the meantime.
        adminRequest(adminToken, clients, "POST", client.toString(), 201, 409);
    }

    /** Creates {@value #NO_COUNTRY_USER} with the role user and no country, unless it exists. */
    private void ensureUserWithoutCountry() {
        String adminToken = adminToken();
        String users = keycloakUrl + "/admin/realms/" + realm + "/users";
        if (!readJson(adminRequest(adminToken, users + "?exact=true&username=" + NO_COUNTRY_USER, "GET", null, 200)).isEmpty()) {
            return;
        }
        ObjectNode user = JSON.createObjectNode();
        user.put("username", NO_COUNTRY_USER);
        user.put("enabled", true);
        user.put("email", NO_COUNTRY_USER + "@music.test");
        user.put("emailVerified", true);
        user.put("firstName", "Test");
        user.put("lastName", "Nomad");
        ObjectNode password = user.putArray("credentials").addObject();
        password.put("type", "password");
        password.put("value", NO_COUNTRY_USER);
        password.put("temporary", false);
        // 409: another test JVM on the same Keycloak created the user in the meantime.
        adminRequest(adminToken, users, "POST", user.toString(), 201, 409);
    }

    private String adminToken() {
        return tokenRequest(keycloakUrl + "/realms/master", "admin-cli",
                KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD).path("access_token").asText();
    }

    private HttpResponse<String> adminRequest(String adminToken, String url, String method, String json, int... expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + adminToken);
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = send(request);
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response;
            }
        }
        throw new IllegalStateException("Keycloak's admin API answered " + method + " " + url + " with HTTP "
                + response.statusCode() + ": " + response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak does not answer at " + built.uri() + " (" + e + "): is the kit's Keycloak running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking Keycloak at " + built.uri(), e);
        }
    }

    private static JsonNode readJson(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak answered " + response.uri() + " with something that is not JSON: " + response.body(), e);
        }
    }

    /** Expiry is a matter of the clock: watch it in short steps, no longer than needed. */
    private static void awaitClockPast(Instant instant) {
        while (!Instant.now().isAfter(instant)) {
            try {
                Thread.sleep(Math.max(1, Math.min(100, Duration.between(Instant.now(), instant).toMillis() + 1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for a token to expire", e);
            }
        }
    }
}
