package io.musicplatform.search;

import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.servicetesting.OperationalEndpointsContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** search-service runs on the real Kafka, OpenSearch and Keycloak, through the Elasticsearch REST client. */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,opensearch,keycloak"))
class SearchOperationalEndpointsTest extends OperationalEndpointsContract {

    @Inject
    RestClient restClient;

    @Override
    protected List<String> readinessChecks() {
        return List.of("Kafka topics", "Elasticsearch cluster health check", "Search index");
    }

    @Override
    protected String apiTitle() {
        return "Search API";
    }

    @Test
    void talksToTheRealSearchCluster() throws Exception {
        Response response = restClient.performRequest(new Request("GET", "/"));
        String body = new String(response.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"distribution\" : \"opensearch\"");
    }
}
