package io.musicplatform.ingestion;

import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.servicetesting.PostgresServiceContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

/** ingestion-service on the real Kafka, PostgreSQL, S3 and Keycloak, owner of the ingestion schema. */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,s3,keycloak"))
class IngestionOperationalEndpointsTest extends PostgresServiceContract {

    @Override
    protected String schema() {
        return "ingestion";
    }

    @Override
    protected List<String> sharedTables() {
        return List.of("outbox");
    }

    @Override
    protected String apiTitle() {
        return "Ingestion API";
    }
}
