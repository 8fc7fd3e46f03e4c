package io.musicplatform.events;

/** Kafka serializer for {@link CatalogChanged}; set it as {@code value.serializer} of a channel. */
public class CatalogChangedSerializer extends EventSerializer<CatalogChanged> {

    public CatalogChangedSerializer() {
        super(EventCodec.CATALOG_CHANGED);
    }
}
