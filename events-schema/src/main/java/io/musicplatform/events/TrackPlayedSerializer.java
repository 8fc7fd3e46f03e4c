package io.musicplatform.events;

/** Kafka serializer for {@link TrackPlayed}; set it as {@code value.serializer} of a channel. */
public class TrackPlayedSerializer extends EventSerializer<TrackPlayed> {

    public TrackPlayedSerializer() {
        super(EventCodec.TRACK_PLAYED);
    }
}
