package io.musicplatform.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Every tunable of catalog-service, under {@code music.catalog} (environment: {@code MUSIC_CATALOG_*}). */
@ConfigMapping(prefix = "music.catalog")
public interface CatalogConfig {

    Playlists playlists();

    interface Playlists {

        /** The most entries one playlist holds ({@code MUSIC_CATALOG_PLAYLISTS_MAX_TRACKS}). */
        @WithDefault("10000")
        int maxTracks();

        /** The most collaborators one playlist has, its owner apart. */
        @WithDefault("50")
        int maxCollaborators();

        /** How long a share link can be redeemed after the owner made it. */
        @WithDefault("P7D")
        Duration invitationTtl();

        /** The most share links a playlist has at once; expired links count until they are revoked. */
        @WithDefault("20")
        int maxInvitations();
    }
}
