package io.musicplatform.catalog;

import io.musicplatform.servicetesting.TestTokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the catalog's API tests share: real tokens of the kit's Keycloak, and the track-ingested topic,
 * which ingestion-service would have created.
 */
public abstract class CatalogApiTest {

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realm;

    @BeforeAll
    static void createTopics() {
        CatalogEvents.createTopics();
    }

    protected final TestTokens tokens() {
        return TestTokens.forRealm(realm);
    }
}
