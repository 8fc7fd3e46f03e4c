package io.musicplatform.catalog.service;

import io.musicplatform.catalog.CatalogApiTest;
import io.musicplatform.realservers.RealServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The streams' own rules where the HTTP edge cannot show them: a stream ends when its listener's token
 * expires (real tokens live minutes), and leaves the registry then. On the real database, through a
 * sink that records what the connection would have been sent.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,keycloak"))
class LiveStreamsTest extends CatalogApiTest {

    @Inject
    LiveStreams streams;

    /** What a connection would have received, and whether it was ended. */
    static final class RecordingSink implements StreamSink {
        final List<StreamEvent> sent = new CopyOnWriteArrayList<>();
        volatile boolean closed;
        volatile Runnable onClose = () -> { };

        @Override
        public CompletionStage<?> send(StreamEvent event) {
            sent.add(event);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                onClose.run();
            }
        }

        @Override
        public void onClose(Runnable closed) {
            onClose = closed;
        }
    }

    @Test
    void aStreamEndsWhenItsTokenExpires() throws Throwable {
        RecordingSink sink = new RecordingSink();
        String user = "expiring-" + UUID.randomUUID();
        int openBefore = streams.openStreams();
        Instant expiry = Instant.now().plusSeconds(2);
        VertxContextSupport.subscribeAndAwait(() -> streams.open(new LiveStreams.Request(user, List.of(), Optional.empty(), expiry), sink));
        await().atMost(Duration.ofSeconds(30)).until(() -> !sink.sent.isEmpty());
        assertThat(sink.sent.getFirst()).isEqualTo(new StreamEvent.Ready("0", 0, List.of()));
        assertThat(sink.closed).isFalse();

        await().atMost(Duration.ofSeconds(30)).until(() -> sink.closed);
        assertThat(Instant.now()).isAfterOrEqualTo(expiry);
        assertThat(streams.openStreams()).isEqualTo(openBefore);
    }
}
