package io.musicplatform.playback;

import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.playback.entity.PlayableTrack;
import io.musicplatform.playback.service.PlaybackService;
import io.musicplatform.servicetesting.TestEvents;
import io.musicplatform.servicetesting.TestTokens;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * What playback's API tests share: real tokens of the kit's Keycloak, the track-ingested topic (which
 * ingestion-service would have created), and tracks published there until the projection holds them.
 */
public abstract class PlaybackApiTest {

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realm;

    @Inject
    protected PlaybackService playback;

    @BeforeAll
    static void createTopics() {
        TestEvents.createTopics(Topics.TRACK_INGESTED);
    }

    protected final TestTokens tokens() {
        return TestTokens.forRealm(realm);
    }

    /** Publishes the revisions and waits until the projection holds the last one's revision. */
    protected final void published(TrackIngested... revisions) {
        TestEvents.publish(revisions);
        TrackIngested last = revisions[revisions.length - 1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            PlayableTrack track = projected(last.trackId());
            return track != null && track.revision == last.revision();
        });
    }

    /** The projection's row of a track, or null; read on a Vert.x context, as Hibernate Reactive needs. */
    protected final PlayableTrack projected(String trackId) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> playback.track(UUID.fromString(trackId)));
        } catch (Throwable e) {
            throw new IllegalStateException("Could not read track " + trackId + " from the projection", e);
        }
    }
}
