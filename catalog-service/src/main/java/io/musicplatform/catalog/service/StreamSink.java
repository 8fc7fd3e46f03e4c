package io.musicplatform.catalog.service;

import java.util.concurrent.CompletionStage;

/**
 * Where a stream's events are written: the client's connection (the REST layer's Server-Sent Events
 * sink). The service calls it from the Vert.x context the stream was opened on, one event at a time.
 */
public interface StreamSink {

    /**
     * Writes one event; the stage completes once it has gone to the connection, or fails when it could
     * not. May throw at once when the connection is already closed.
     */
    CompletionStage<?> send(StreamEvent event);

    /** Ends the response; the client may reconnect (with the last id it read). */
    void close();

    /** {@code closed} runs once when the client goes away (or the sink is closed). */
    void onClose(Runnable closed);
}
