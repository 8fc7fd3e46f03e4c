package io.musicplatform.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Every tunable of catalog-service, under {@code music.catalog} (environment: {@code MUSIC_CATALOG_*}). */
@ConfigMapping(prefix = "music.catalog")
public interface CatalogConfig {

    Playlists playlists();

    Subscriptions subscriptions();

    Notifications notifications();

    Feed feed();

    Stream stream();

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

        /**
         * How long the changes of a playlist are kept for streams that resume: a stream that comes back
         * after a longer absence is told to read the playlist again ({@code MUSIC_CATALOG_PLAYLISTS_CHANGE_RETENTION}).
         */
        @WithDefault("P7D")
        Duration changeRetention();
    }

    interface Subscriptions {

        /** The most artists and genres one listener follows together ({@code MUSIC_CATALOG_SUBSCRIPTIONS_MAX_PER_USER}). */
        @WithDefault("500")
        int maxPerUser();
    }

    interface Notifications {

        /**
         * Tracks of one album that become available within this long of its first track make one
         * notification per listener ({@code MUSIC_CATALOG_NOTIFICATIONS_ALBUM_WINDOW}).
         */
        @WithDefault("PT10M")
        Duration albumWindow();

        /**
         * The changes others make to one playlist within this long of the first make one notification
         * per collaborator ({@code MUSIC_CATALOG_NOTIFICATIONS_PLAYLIST_WINDOW}).
         */
        @WithDefault("PT10M")
        Duration playlistWindow();

        /**
         * Notifications numbered and put in the outbox per transaction of the publisher: a few hundred
         * milliseconds of work at the default, so that it never holds its lock long
         * ({@code MUSIC_CATALOG_NOTIFICATIONS_PUBLISH_BATCH}).
         */
        @WithDefault("5000")
        int publishBatch();
    }

    interface Feed {

        /** How long after it first became available a track counts as a new release in the feed. */
        @WithDefault("P30D")
        Duration newReleaseAge();

        /** The fewest ratings a track needs to be recommended as well rated. */
        @WithDefault("3")
        int minRatings();

        /** The lowest average (1 to 5 stars) of a track recommended as well rated. */
        @WithDefault("4.0")
        double minAverage();
    }

    /** Live updates, {@code GET /me/stream}: Server-Sent Events of one replica's connected listeners. */
    interface Stream {

        /**
         * How often each open stream gets a comment line, so that proxies and load balancers that close
         * idle connections leave it open ({@code MUSIC_CATALOG_STREAM_HEARTBEAT}).
         */
        @WithDefault("PT15S")
        Duration heartbeat();

        /**
         * The most streams one listener keeps open on one replica at once; one more is refused with 429
         * ({@code MUSIC_CATALOG_STREAM_MAX_PER_USER}). Per replica: a listener spread over several
         * replicas by the load balancer may hold this many on each.
         */
        @WithDefault("5")
        int maxPerUser();

        /** The most playlists one stream watches ({@code MUSIC_CATALOG_STREAM_MAX_PLAYLISTS}). */
        @WithDefault("20")
        int maxPlaylists();

        /**
         * The most changes one database read brings when a stream resumes or fills a gap; more are read
         * page after page ({@code MUSIC_CATALOG_STREAM_REPLAY_PAGE}).
         */
        @WithDefault("200")
        int replayPage();

        /**
         * The most events waiting to be written to one stream; a client that reads slower than its
         * changes come is disconnected, and resumes from the database when it reconnects
         * ({@code MUSIC_CATALOG_STREAM_MAX_PENDING}).
         */
        @WithDefault("1000")
        int maxPending();
    }
}
