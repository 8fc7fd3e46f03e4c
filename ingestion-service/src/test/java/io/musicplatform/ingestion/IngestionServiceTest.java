package io.musicplatform.ingestion;

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

/** ingestion-service runs on the real Kafka and PostgreSQL and owns the ingestion schema. */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres"))
class IngestionServiceTest extends OperationalEndpointsContract {

    @Inject
    AgroalDataSource dataSource;

    @Override
    protected List<String> readinessChecks() {
        return List.of("Kafka connection health check", "Database connections health check",
                "Reactive PostgreSQL connections health check");
    }

    @Override
    protected String apiTitle() {
        return "Ingestion API";
    }

    @Test
    void ownsTheSchemaThroughFlyway() throws Exception {
        SchemaOwnership.assertMigratedByFlyway(dataSource, "ingestion");
    }
}
