package io.musicplatform.events;

/** Kafka deserializer for {@link TrackIngested}; set it as {@code value.deserializer} of a channel. */
public class TrackIngestedDeserializer extends EventDeserializer<TrackIngested> {

    public TrackIngestedDeserializer() {
        super(EventCodec.TRACK_INGESTED);
    }
}
