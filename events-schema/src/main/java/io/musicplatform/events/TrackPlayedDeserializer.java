package io.musicplatform.events;

/** Kafka deserializer for {@link TrackPlayed}; set it as {@code value.deserializer} of a channel. */
public class TrackPlayedDeserializer extends EventDeserializer<TrackPlayed> {

    public TrackPlayedDeserializer() {
        super(EventCodec.TRACK_PLAYED);
    }
}
