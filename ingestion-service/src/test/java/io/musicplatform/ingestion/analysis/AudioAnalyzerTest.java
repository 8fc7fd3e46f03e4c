package io.musicplatform.ingestion.analysis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The analysis of every fixture (made by src/test/fixtures/make-audio.sh), each under a misleading name. */
class AudioAnalyzerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "tagged.mp3,  MP3,        audio/mpeg, mp3,    44100",
            "tagged.flac, FLAC,       audio/flac, flac,   44100",
            "tagged.ogg,  OGG_VORBIS, audio/ogg,  vorbis, 44100",
            "tagged.opus, OPUS,       audio/opus, opus,   48000",
            "tagged.m4a,  M4A,        audio/mp4,  aac,    44100",
            "tagged.wav,  WAV,        audio/wav,  pcm,    8000"})
    void readsTheFormatByContentAndTheTagsOfEveryFormat(String fixture, AudioFormat format, String contentType, String codec,
                                                        int sampleRate) throws Exception {
        // Named .bin: the name says nothing, the bytes say everything.
        AudioAnalysis analysis = AudioAnalyzer.analyze(copy(fixture, "upload.bin"));

        assertThat(analysis.format()).isEqualTo(format);
        assertThat(analysis.format().contentType()).isEqualTo(contentType);
        assertThat(analysis.format().codec()).isEqualTo(codec);
        assertThat(analysis.durationMs()).isBetween(1_900L, 2_100L);
        assertThat(analysis.sampleRateHz()).isEqualTo(sampleRate);
        assertThat(analysis.bitrateKbps()).isPositive();
        assertThat(analysis.sizeBytes()).isEqualTo(bytes(fixture).length);
        assertThat(analysis.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(fixture))));

        Tags tags = analysis.tags();
        assertThat(tags.title()).isEqualTo("Tout le bonheur du monde");
        assertThat(tags.artists()).containsExactly("Sinsemilia");
        assertThat(tags.album()).isEqualTo("Debout les yeux ouverts");
        assertThat(tags.genre()).isEqualTo("Reggae");
        assertThat(tags.year()).isEqualTo(2004);
        if (format != AudioFormat.WAV) {
            // WAV's INFO chunk has no album artist and no disc; ffmpeg writes no ITRK either.
            assertThat(tags.albumArtist()).isEqualTo("Various Artists");
            assertThat(tags.trackNumber()).isEqualTo(3);
            assertThat(tags.discNumber()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty.mp3       | empty       | the file is empty",
            "random.mp3      | not-audio   | unrecognised binary data, not audio",
            "text.mp3        | not-audio   | the content is text, not audio",
            "image.flac      | not-audio   | the content is a PNG image, not audio",
            "archive.m4a     | not-audio   | the content is a ZIP archive, not audio",
            "truncated.mp3   | truncated   | the MP3 header announces 2.0 s of audio but the file holds only about 1.0 s",
            "claims-more.wav | truncated   | the WAV header announces 10.0 s of audio but the file holds only about 1.0 s"})
    void refusesWhatIsNotWholeAudioSayingWhy(String fixture, String reason, String message) throws IOException {
        Path file = copy(fixture, fixture);
        assertThatThrownBy(() -> AudioAnalyzer.analyze(file))
                .isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.reason()).isEqualTo(reason))
                .hasMessageContaining(message);
    }

    @Test
    void refusesAnOpusFileCutShort() throws IOException {
        byte[] whole = bytes("tagged.opus");
        Path cut = Files.createTempFile("cut", ".opus");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 100));
        assertThatThrownBy(() -> AudioAnalyzer.analyze(cut)).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo("truncated")).hasMessageContaining("cut short");
    }

    @Test
    void refusesADamagedOpusPage() throws IOException {
        byte[] damaged = bytes("tagged.opus");
        damaged[damaged.length - 50] ^= 0x55;
        Path file = Files.createTempFile("damaged", ".opus");
        Files.write(file, damaged);
        assertThatThrownBy(() -> AudioAnalyzer.analyze(file)).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo("corrupt")).hasMessageContaining("checksum");
    }

    @Test
    void untaggedFilesTakeTheirTitleAndArtistFromTheFileNameWithWarnings() throws IOException {
        for (String fixture : List.of("untagged.mp3", "untagged.opus")) {
            AudioAnalysis analysis = AudioAnalyzer.analyze(copy(fixture, "x.bin"));
            assertThat(analysis.tags().title()).isNull();

            TrackMetadata metadata = TrackMetadata.resolve(analysis.tags(), Tags.NONE, "Daft Punk - Get Lucky.mp3");
            assertThat(metadata.title()).isEqualTo("Get Lucky");
            assertThat(metadata.artists()).containsExactly("Daft Punk");
            assertThat(metadata.warnings()).hasSize(2).allSatisfy(warning -> assertThat(warning).contains("file name"));
        }
    }

    @Test
    void aUnicodeFileNameIsKeptAsTheTitleAndAnArtistlessOneSaysSo() {
        TrackMetadata metadata = TrackMetadata.resolve(Tags.NONE, Tags.NONE, "宇多田ヒカル - 花束を君に.flac");
        assertThat(metadata.title()).isEqualTo("花束を君に");
        assertThat(metadata.artists()).containsExactly("宇多田ヒカル");

        TrackMetadata nameless = TrackMetadata.resolve(Tags.NONE, Tags.NONE, "Été indien.opus");
        assertThat(nameless.title()).isEqualTo("Été indien");
        assertThat(nameless.artists()).containsExactly(TrackMetadata.UNKNOWN_ARTIST);
        assertThat(nameless.warnings()).anySatisfy(warning -> assertThat(warning).contains("name an artist"));
    }

    @Test
    void overridesWinOverTagsAndTheAlbumArtistIsKeptOnlyWhenItDiffers() {
        Tags file = Tags.of("Titre", List.of("Zaz; Pomme"), "Album", "Zaz", "chanson", "2021-03-01", "3/12", "1/2");
        assertThat(file.artists()).containsExactly("Zaz", "Pomme");
        assertThat(file.year()).isEqualTo(2021);

        TrackMetadata metadata = TrackMetadata.resolve(file, Tags.of("Corrigé", List.of(), null, null, "pop", null, null, null), "a.mp3");
        assertThat(metadata.title()).isEqualTo("Corrigé");
        assertThat(metadata.genre()).isEqualTo("pop");
        assertThat(metadata.artists()).containsExactly("Zaz", "Pomme");
        assertThat(metadata.albumArtist()).as("the same as the main artist").isNull();
        assertThat(metadata.trackNumber()).isEqualTo(3);
        assertThat(metadata.warnings()).isEmpty();
    }

    static byte[] bytes(String fixture) throws IOException {
        try (InputStream in = AudioAnalyzerTest.class.getResourceAsStream("/audio/" + fixture)) {
            assertThat(in).as(fixture).isNotNull();
            return in.readAllBytes();
        }
    }

    private static Path copy(String fixture, String name) throws IOException {
        Path dir = Files.createTempDirectory("analysis");
        Path file = dir.resolve(name);
        try (InputStream in = AudioAnalyzerTest.class.getResourceAsStream("/audio/" + fixture)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }
}
