package io.musicplatform.catalog.mapping;

import io.musicplatform.events.ArtistId;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The catalog's ids derived from names, so that a replay of track-ingested finds the same rows again. */
public final class CatalogIds {

    private CatalogIds() {
    }

    /** The shared artist id of events-schema, as a UUID. */
    public static UUID artist(String name) {
        return UUID.fromString(ArtistId.of(name));
    }

    /**
     * An album is its title under its album artist: "Greatest Hits" of two artists is two albums,
     * while "Étoile" and "etoile" by one artist are one.
     */
    public static UUID album(UUID albumArtist, String title) {
        String key = albumArtist + "/" + ArtistId.normalize(title);
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }
}
