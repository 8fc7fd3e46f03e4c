package io.musicplatform.benchmarks.search;

import io.musicplatform.benchmarks.catalog.CatalogDataset;
import io.musicplatform.events.TrackIngested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The search benchmark's mix: the same at every run, as many of each kind, each kind what it says. */
class QueryMixTest {

    private static final List<TrackIngested> TRACKS = CatalogDataset.tracks(5_000, 7);

    @Test
    void isTheSameAtEveryRunWithAsManyOfEachKind() {
        List<QueryMix.Query> mix = QueryMix.of(TRACKS, 10, 42);
        assertThat(QueryMix.of(TRACKS, 10, 42)).isEqualTo(mix);
        Map<String, Long> kinds = mix.stream().collect(Collectors.groupingBy(QueryMix.Query::kind, Collectors.counting()));
        assertThat(kinds).containsOnlyKeys("typo", "no accents", "prefixes", "artist + title", "word + genre")
                .allSatisfy((kind, count) -> assertThat(count).isEqualTo(10));
    }

    @Test
    void eachKindIsWhatItSays() {
        for (QueryMix.Query query : QueryMix.of(TRACKS, 10, 42)) {
            assertThat(query.q()).isNotBlank().isEqualTo(query.q().toLowerCase(java.util.Locale.ROOT));
            switch (query.kind()) {
                case "no accents" -> assertThat(QueryMix.fold(query.q())).isEqualTo(query.q());
                case "word + genre" -> assertThat(query.genre()).isIn(CatalogDataset.GENRES);
                default -> assertThat(query.genre()).isNull();
            }
        }
    }

    @Test
    void aTypoSwapsTwoLettersInTheMiddle() {
        assertThat(QueryMix.transposed("midnight")).isEqualTo("midinght");
        assertThat(QueryMix.transposed("ocean")).isEqualTo("oecan");
        assertThat(QueryMix.fold("Électrique été")).isEqualTo("Electrique ete");
    }
}
