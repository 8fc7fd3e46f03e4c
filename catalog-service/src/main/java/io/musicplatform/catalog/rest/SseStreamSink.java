package io.musicplatform.catalog.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicplatform.catalog.service.StreamEvent;
import io.musicplatform.catalog.service.StreamSink;
import io.musicplatform.events.PlaylistChange;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * A live stream's events as Server-Sent Events on the client's connection: {@code id} (the position),
 * {@code event} (the type) and one {@code data} line of JSON; a heartbeat is a comment line.
 */
final class SseStreamSink implements StreamSink {

    private final SseEventSink sink;
    private final Sse sse;
    private final ObjectMapper json;
    private volatile Runnable onClose = () -> { };

    SseStreamSink(SseEventSink sink, Sse sse, ObjectMapper json) {
        this.sink = sink;
        this.sse = sse;
        this.json = json;
        // A broadcaster of this one sink, only for its close callback: JAX-RS tells a sink's owner that the
        // client went away through a broadcaster, and the stream must leave the registry at once then.
        SseBroadcaster closes = sse.newBroadcaster();
        closes.register(sink);
        closes.onClose(closed -> onClose.run());
    }

    @Override
    public CompletionStage<?> send(StreamEvent event) {
        return sink.send(outbound(event));
    }

    @Override
    public void close() {
        sink.close();
    }

    @Override
    public void onClose(Runnable closed) {
        this.onClose = closed;
    }

    private OutboundSseEvent outbound(StreamEvent event) {
        OutboundSseEvent.Builder builder = sse.newEventBuilder();
        return switch (event) {
            case StreamEvent.Heartbeat ignored -> builder.comment("heartbeat").build();
            case StreamEvent.Ready ready -> named(builder, ready.id(), event, new StreamViews.ReadyData(ready.unreadCount(),
                    ready.playlists().stream().map(p -> new StreamViews.PlaylistPosition(p.id(), p.version())).toList()));
            case StreamEvent.NotificationChanged changed -> named(builder, changed.id(), event,
                    new StreamViews.NotificationData(changed.sequence(), SubscriptionViews.view(changed.notification())));
            case StreamEvent.PlaylistChanged changed -> {
                PlaylistChange change = changed.change();
                yield named(builder, changed.id(), event, new StreamViews.PlaylistChangeData(changed.playlistId(), change.version(),
                        change.change(), change.byUserId(), change.byName(), change.entryIds(), change.trackIds(), change.index(),
                        change.name()));
            }
            case StreamEvent.Resync resync -> named(builder, resync.id(), event, new StreamViews.ResyncData(resync.playlistId(),
                    resync.version(), resync.reason().name().toLowerCase(Locale.ROOT).replace('_', '-')));
        };
    }

    /**
     * The data is written as JSON text here rather than by a media type on the event, which would add a
     * non-standard {@code content-type} line to every event.
     */
    private OutboundSseEvent named(OutboundSseEvent.Builder builder, String id, StreamEvent event, Object data) {
        try {
            return builder.id(id).name(event.type()).data(String.class, json.writeValueAsString(data)).build();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
