package io.musicplatform.catalog;

import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.servicetesting.PostgresServiceContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** catalog-service on the real Kafka, PostgreSQL and Keycloak, owner of the catalog schema. */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,keycloak"))
class CatalogOperationalEndpointsTest extends PostgresServiceContract {

    @Override
    protected String schema() {
        return "catalog";
    }

    @Override
    protected String apiTitle() {
        return "Catalog API";
    }
}
