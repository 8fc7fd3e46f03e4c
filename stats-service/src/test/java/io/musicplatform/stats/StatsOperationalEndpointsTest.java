package io.musicplatform.stats;

import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.servicetesting.PostgresServiceContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** stats-service on the real Kafka, PostgreSQL and Keycloak, owner of the stats schema. */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,keycloak"))
class StatsOperationalEndpointsTest extends PostgresServiceContract {

    @Override
    protected String schema() {
        return "stats";
    }

    @Override
    protected String apiTitle() {
        return "Statistics API";
    }
}
