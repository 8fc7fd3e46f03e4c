package io.musicplatform.servicetesting;

import io.musicplatform.realservers.KeycloakServer;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.SharedRealServers;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The tokens a service's security tests get, checked against the kit's real Keycloak the way quarkus-oidc checks them. */
class TestTokensTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static KeycloakServer keycloak;
    private static TestTokens tokens;
    /** Verifies as a service does: the realm's issuer, its published keys, an expiry. */
    private static JwtConsumer realmVerifier;

    @BeforeAll
    static void startKeycloak() {
        keycloak = SharedRealServers.start(Set.of(ServerKind.KEYCLOAK)).keycloak();
        tokens = TestTokens.of(keycloak);
        realmVerifier = new JwtConsumerBuilder()
                .setExpectedIssuer(keycloak.realmUrl())
                .setSkipDefaultAudienceValidation()
                .setRequireExpirationTime()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(
                        new HttpsJwks(keycloak.realmUrl() + "/protocol/openid-connect/certs")))
                .build();
    }

    @Test
    void listenerIsARealUserWithoutTheAdminRole() throws Exception {
        String token = tokens.listener();

        JwtClaims claims = realmVerifier.processToClaims(token);
        assertThat(claims.getClaimValueAsString("preferred_username")).isEqualTo("listener");
        assertThat(realmRoles(claims)).contains("user").doesNotContain("admin");
        assertThat(claims.getClaimValueAsString("country")).as("the demo listener's country, from the realm's mapper").isEqualTo("FR");
        assertThat(TestTokens.subject(token)).isEqualTo(claims.getSubject()).isNotBlank();
        assertThat(userInfoStatus(token)).isEqualTo(200);
        assertThat(tokens.listener()).as("reused while it has time to live").isSameAs(token);
        assertThat(TestTokens.forRealm(keycloak.realmUrl() + "/")).isSameAs(tokens);
    }

    @Test
    void aListenerWithoutCountryHasNoCountryClaim() throws Exception {
        String token = tokens.listenerWithoutCountry();

        JwtClaims claims = realmVerifier.processToClaims(token);
        assertThat(claims.getClaimValueAsString("preferred_username")).isEqualTo("nomad");
        assertThat(realmRoles(claims)).contains("user").doesNotContain("admin");
        assertThat(claims.hasClaim("country")).isFalse();
        assertThat(TestTokens.subject(token)).isNotEqualTo(TestTokens.subject(tokens.listener()));
    }

    @Test
    void operatorIsAnAdmin() throws Exception {
        String token = tokens.operator();

        JwtClaims claims = realmVerifier.processToClaims(token);
        assertThat(claims.getClaimValueAsString("preferred_username")).isEqualTo("operator");
        assertThat(realmRoles(claims)).contains("user", "admin");
        assertThat(claims.getClaimValueAsString("country")).isEqualTo("US");
        assertThat(TestTokens.subject(token)).isNotEqualTo(TestTokens.subject(tokens.listener()));
    }

    @Test
    void expiredIsSignedByTheRealmButRefusedForItsAge() throws Exception {
        String token = tokens.expired();

        JwtClaims claims = TestTokens.claims(token);
        assertThat(claims.getExpirationTime().isBefore(NumericDate.now())).as("exp is past").isTrue();
        assertThat(claims.getIssuer()).isEqualTo(keycloak.realmUrl());
        assertThat(TestTokens.subject(token)).isEqualTo(TestTokens.subject(tokens.listener()));
        assertThat(realmRoles(claims)).contains("user");

        InvalidJwtException refused = catchThrowableOfType(InvalidJwtException.class, () -> realmVerifier.processToClaims(token));
        assertThat(refused.hasExpired()).as("refused for its age, and for nothing else: %s", refused.getMessage()).isTrue();
        assertThat(refused.getErrorDetails()).extracting(d -> d.getErrorCode()).containsOnly(ErrorCodes.EXPIRED);
        assertThat(userInfoStatus(token)).isEqualTo(401);
        assertThat(tokens.expired()).as("expired once, expired for good: made once").isSameAs(token);
    }

    @Test
    void foreignKeyLooksLikeAnOperatorTokenButItsSignatureDoesNotVerify() throws Exception {
        String token = tokens.foreignKey();

        JwtClaims claims = TestTokens.claims(token);
        assertThat(claims.getIssuer()).isEqualTo(keycloak.realmUrl());
        assertThat(claims.getSubject()).isEqualTo(TestTokens.subject(tokens.operator()));
        assertThat(claims.getClaimValueAsString("preferred_username")).isEqualTo("operator");
        assertThat(realmRoles(claims)).contains("user", "admin");
        assertThat(claims.getClaimValueAsString("country")).isEqualTo("US");
        assertThat(claims.getExpirationTime().isAfter(NumericDate.now())).as("exp is ahead").isTrue();

        InvalidJwtException refused = catchThrowableOfType(InvalidJwtException.class, () -> realmVerifier.processToClaims(token));
        assertThat(refused.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)).as(refused.getMessage()).isTrue();
        assertThat(userInfoStatus(token)).isEqualTo(401);
    }

    @SuppressWarnings("unchecked")
    private static List<String> realmRoles(JwtClaims claims) throws Exception {
        Map<String, Object> realmAccess = (Map<String, Object>) claims.getClaimValue("realm_access");
        return (List<String>) realmAccess.get("roles");
    }

    private static int userInfoStatus(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.realmUrl() + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + token).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
