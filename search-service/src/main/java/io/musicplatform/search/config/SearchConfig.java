package io.musicplatform.search.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Every tunable of search-service, under {@code music.search} (environment: {@code MUSIC_SEARCH_*}). */
@ConfigMapping(prefix = "music.search")
public interface SearchConfig {

    Index index();

    Query query();

    Reindex reindex();

    interface Index {

        /** The alias every search reads ({@code MUSIC_SEARCH_INDEX_ALIAS}); physical indices are {@code <alias>-v1}, {@code -v2}... */
        @WithDefault("tracks")
        String alias();

        /** Primary shards of a new physical index. One holds millions of small track documents. */
        @WithDefault("1")
        int shards();

        /** Replicas of a new physical index: 0 on one node, at least 1 in production. */
        @WithDefault("0")
        int replicas();

        /** How soon a write becomes searchable (the index's refresh interval). */
        @WithDefault("1s")
        String refreshInterval();

        /** How long a request to the index may take before the service gives up on it. */
        @WithDefault("PT10S")
        Duration requestTimeout();
    }

    interface Query {

        /** The most hits one page holds ({@code size}). */
        @WithDefault("50")
        int maxSize();

        /** How deep a client may page: {@code from + size} at most this. */
        @WithDefault("1000")
        int maxWindow();

        /** The longest query text accepted, in characters. */
        @WithDefault("200")
        int maxLength();

        /**
         * The popularity boost: a score is multiplied by {@code 1 + weight * log10(1 + plays)}, so a
         * track played 1,000 times ranks 1.3 times higher at 0.1: a tie-break, never ahead of a better match.
         */
        @WithDefault("0.1")
        double popularityWeight();

        /** Leading characters a typo-tolerant match must get right; 1 keeps fuzzy queries fast on a large index. */
        @WithDefault("1")
        int fuzzyPrefixLength();

        /** Completions one suggest request returns at most. */
        @WithDefault("8")
        int suggestions();

        /** Genre facets returned with a search. */
        @WithDefault("20")
        int genreFacets();
    }

    interface Reindex {

        /** The consumer group a re-index reads track-ingested with, from the beginning. */
        @WithDefault("search-service-reindex")
        String group();

        /** Records per bulk request while a re-index reads the topic. */
        @WithDefault("1000")
        int batchSize();

        /** How long the old index stays after the alias moved, so that searches already running on it finish. */
        @WithDefault("PT5S")
        Duration oldIndexGrace();

        /**
         * How long the replica running a re-index holds it without renewing (it renews as it works): a
         * replica that dies leaves its job to another one, or to itself restarted, after this long. It
         * is also how often, at most, an idle replica looks for such a job (every half of it).
         */
        @WithDefault("PT30S")
        Duration lease();
    }
}
