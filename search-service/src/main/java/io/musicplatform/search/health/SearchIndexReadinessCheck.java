package io.musicplatform.search.health;

import io.musicplatform.search.index.TrackIndex;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the alias searches read exists (found or created at start); the cluster itself has Quarkus's own check. */
@Readiness
@ApplicationScoped
public class SearchIndexReadinessCheck implements HealthCheck {

    static final String NAME = "Search index";

    private final TrackIndex index;

    public SearchIndexReadinessCheck(TrackIndex index) {
        this.index = index;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(index.ready())
                .withData("alias", index.alias())
                .build();
    }
}
