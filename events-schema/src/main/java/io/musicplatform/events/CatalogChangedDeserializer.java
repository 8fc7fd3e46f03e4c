package io.musicplatform.events;

/** Kafka deserializer for {@link CatalogChanged}; set it as {@code value.deserializer} of a channel. */
public class CatalogChangedDeserializer extends EventDeserializer<CatalogChanged> {

    public CatalogChangedDeserializer() {
        super(EventCodec.CATALOG_CHANGED);
    }
}
