package io.musicplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every service derives artist ids with ArtistId, so that they agree on "the same artist". The
 * spellings a listener or a tag editor produces for one artist must meet; different artists must not.
 */
class ArtistIdTest {

    @Test
    void theIdIsFixedForever() {
        // Computed independently (Python: uuid.uuid5(ArtistId.NAMESPACE, "beyonce")). If this fails,
        // the namespace or the algorithm changed, and with it every artist id stored anywhere.
        assertThat(ArtistId.NAMESPACE).isEqualTo(UUID.fromString("8058cabc-abb4-4d71-92a6-59e887f2569b"));
        assertThat(ArtistId.of("Beyoncé")).isEqualTo("bfc8e8ca-b616-5a32-8b2b-93fd77ca35ae");
        assertThat(ArtistId.of("宇多田 ヒカル")).isEqualTo("fda06607-4f12-5983-9091-d1f42826d298");
    }

    @Test
    void theIdIsAVersion5UuidInCanonicalText() {
        String id = ArtistId.of("Françoise Hardy");
        UUID uuid = UUID.fromString(id);

        assertThat(uuid.version()).isEqualTo(5);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(id).isEqualTo(uuid.toString())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void frenchAccentsAndCaseDoNotMakeAnotherArtist() {
        assertSameArtist("Beyoncé", "BEYONCE", "beyonce", "Beyonce\u0301", "BEYONCÉ");
        assertSameArtist("Étienne Daho", "etienne  daho", "ETIENNE DAHO", "E\u0301tienne Daho");
        assertSameArtist("Françoise Hardy", "francoise hardy", "FRANÇOISE HARDY");
        assertSameArtist("Mylène Farmer", "mylene farmer", "MYLÈNE FARMER");
        assertSameArtist("Noir Désir", "noir desir", "NOIR DÉSIR", "Noir\tDésir");

        assertThat(ArtistId.normalize("Étienne Daho")).isEqualTo("etienne daho");
        assertThat(ArtistId.normalize("Françoise Hardy")).isEqualTo("francoise hardy");
    }

    @Test
    void whitespaceIsCollapsedAndTrimmed() {
        assertSameArtist("Daft Punk", "  Daft   Punk\t", "daft\npunk", "DAFT\u00a0PUNK", "Daft\u3000Punk");

        assertThat(ArtistId.normalize("  Daft \t  Punk  ")).isEqualTo("daft punk");
    }

    @Test
    void fullWidthLettersAndTheIdeographicSpaceBecomeOrdinaryOnes() {
        assertSameArtist("ＢＥＹＯＮＣÉ", "Beyoncé");
        assertSameArtist("宇多田\u3000ヒカル", "宇多田 ヒカル", " 宇多田  ヒカル ");

        assertThat(ArtistId.normalize("宇多田\u3000ヒカル")).isEqualTo("宇多田 ヒカル");
        // A space is part of the name: only its width and count are normalized, not its presence.
        assertThat(ArtistId.normalize("宇多田ヒカル")).isEqualTo("宇多田ヒカル");
        assertThat(ArtistId.of("宇多田ヒカル")).isNotEqualTo(ArtistId.of("宇多田 ヒカル"));
    }

    @Test
    void halfWidthKatakanaIsTheFullWidthOne() {
        assertSameArtist("ｶ", "カ");
        assertSameArtist("ｶﾞｶﾞ", "ガガ", "カ\u3099カ\u3099");
        assertSameArtist("ﾊﾟﾌｭｰﾑ", "パフューム");
    }

    @Test
    void japaneseVoicingMarksMakeADifferentArtist() {
        assertThat(ArtistId.normalize("ガガ")).isEqualTo("ガガ");
        assertDifferentArtists("ガガ", "カカ");
        assertDifferentArtists("パ", "バ", "ハ");
    }

    @Test
    void marksOnOtherScriptsThanLatinStay() {
        assertDifferentArtists("Йорш", "Иорш");
        assertThat(ArtistId.normalize("Ελένη")).isEqualTo("ελένη");
        // ...while a Latin letter next to them still loses its accent.
        assertThat(ArtistId.normalize("Éa ガ")).isEqualTo("ea ガ");
    }

    @Test
    void lettersThatAreNotAccentedLettersStay() {
        assertThat(ArtistId.normalize("Sigur Rós")).isEqualTo("sigur ros");
        assertThat(ArtistId.normalize("Mø")).isEqualTo("mø");
        assertThat(ArtistId.normalize("İbrahim")).isEqualTo("ibrahim");
    }

    @Test
    void invisibleCharactersFromTagsAreNotPartOfTheName() {
        String daftPunk = ArtistId.of("Daft Punk");
        assertThat(ArtistId.of("\uFEFFDaft Punk")).isEqualTo(daftPunk);
        assertThat(ArtistId.of("Daft\u200B Punk")).isEqualTo(daftPunk);
        assertThat(ArtistId.of("Daft Punk\u0000")).isEqualTo(daftPunk);
        assertThat(ArtistId.normalize("Daft\tPunk\n")).isEqualTo("daft punk");
    }

    @Test
    void typographicApostrophesAreTheTypedOne() {
        assertThat(ArtistId.of("Guns N\u2019 Roses")).isEqualTo(ArtistId.of("Guns N' Roses"));
        assertThat(ArtistId.normalize("L\u2019Impératrice")).isEqualTo("l'imperatrice");
    }

    @Test
    void differentArtistsGetDifferentIds() {
        assertDifferentArtists("Beyoncé", "Mylène Farmer", "Étienne Daho", "Françoise Hardy", "Noir Désir",
                "宇多田ヒカル", "ガガ", "カカ", "Daft Punk", "Daft Punk 2", "Noir Desir Tribute");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t\n", "\u3000", "\u00a0"})
    void blankOrNullNamesAreRejected(String name) {
        assertThatThrownBy(() -> ArtistId.of(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("artist name");
        assertThatThrownBy(() -> ArtistId.normalize(name)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSameArtist(String... names) {
        Set<String> normalized = Arrays.stream(names).map(ArtistId::normalize).collect(Collectors.toSet());
        Set<String> ids = Arrays.stream(names).map(ArtistId::of).collect(Collectors.toSet());

        assertThat(normalized).as("normalized forms of %s", List.of(names)).hasSize(1);
        assertThat(ids).as("ids of %s", List.of(names)).hasSize(1);
    }

    private static void assertDifferentArtists(String... names) {
        Set<String> ids = Arrays.stream(names).map(ArtistId::of).collect(Collectors.toSet());

        assertThat(ids).as("ids of %s", List.of(names)).hasSize(names.length);
    }
}
