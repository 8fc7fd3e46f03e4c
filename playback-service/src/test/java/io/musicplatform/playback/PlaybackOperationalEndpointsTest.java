package io.musicplatform.playback;

import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.servicetesting.PostgresServiceContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

/** playback-service on the real Kafka, PostgreSQL, S3 and Keycloak (the servers of every test of the module, so they share one application), owner of the playback schema. */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,s3,keycloak"))
class PlaybackOperationalEndpointsTest extends PostgresServiceContract {

    @Override
    protected String schema() {
        return "playback";
    }

    @Override
    protected List<String> sharedTables() {
        return List.of("outbox");
    }

    @Override
    protected String apiTitle() {
        return "Playback API";
    }
}
