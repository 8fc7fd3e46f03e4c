package io.musicplatform.events;

/** Kafka serializer for {@link TrackIngested}; set it as {@code value.serializer} of a channel. */
public class TrackIngestedSerializer extends EventSerializer<TrackIngested> {

    public TrackIngestedSerializer() {
        super(EventCodec.TRACK_INGESTED);
    }
}
