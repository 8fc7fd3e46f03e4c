package io.musicplatform.stats;

import io.musicplatform.servicetesting.TestTokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;

/** What the stats tests share: real tokens of the kit's Keycloak, and the track-played topic, which playback-service would have created. */
public abstract class StatsApiTest {

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realm;

    @BeforeAll
    static void createTopics() {
        StatsEvents.createTopics();
    }

    protected final TestTokens tokens() {
        return TestTokens.forRealm(realm);
    }
}
