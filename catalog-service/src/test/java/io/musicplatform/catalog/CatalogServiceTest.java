package io.musicplatform.catalog;

import io.agroal.api.AgroalDataSource;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.servicetesting.OperationalEndpointsContract;
import io.musicplatform.servicetesting.SchemaOwnership;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

/** catalog-service runs on the real Kafka and PostgreSQL and owns the catalog schema. */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres"))
class CatalogServiceTest extends OperationalEndpointsContract {

    @Inject
    AgroalDataSource dataSource;

    @Override
    protected List<String> readinessChecks() {
        return List.of("Kafka connection health check", "Database connections health check",
                "Reactive PostgreSQL connections health check");
    }

    @Override
    protected String apiTitle() {
        return "Catalog API";
    }

    @Test
    void ownsTheSchemaThroughFlyway() throws Exception {
        SchemaOwnership.assertMigratedByFlyway(dataSource, "catalog");
    }
}
