package io.musicplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The records refuse to exist without their required fields, and are immutable. */
class RecordsTest {

    private final TrackIngested ingested = TestEvents.trackIngested();
    private final TrackPlayed played = TestEvents.trackPlayed();

    @Test
    void trackIngestedRejectsNullRequiredFields() {
        TrackIngested t = ingested;
        assertThatThrownBy(() -> new TrackIngested(null, t.occurredAt(), t.trackId(), t.revision(), t.status(),
                t.title(), t.artists(), null, null, null, null, null, null, t.durationMs(), t.media(), t.territories()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("TrackIngested.eventId is required and must not be null");
        assertThatThrownBy(() -> new TrackIngested(t.eventId(), t.occurredAt(), null, t.revision(), t.status(),
                t.title(), t.artists(), null, null, null, null, null, null, t.durationMs(), t.media(), t.territories()))
                .hasMessageContaining("TrackIngested.trackId");
        assertThatThrownBy(() -> new TrackIngested(t.eventId(), t.occurredAt(), t.trackId(), t.revision(), null,
                t.title(), t.artists(), null, null, null, null, null, null, t.durationMs(), t.media(), t.territories()))
                .hasMessageContaining("TrackIngested.status");
        assertThatThrownBy(() -> new TrackIngested(t.eventId(), t.occurredAt(), t.trackId(), t.revision(), t.status(),
                t.title(), t.artists(), null, null, null, null, null, null, t.durationMs(), null, t.territories()))
                .hasMessageContaining("TrackIngested.media");
        assertThatThrownBy(() -> new Media("media", "k", "audio/mpeg", "mp3", null, null, 1, null))
                .hasMessageContaining("Media.sha256");
    }

    @Test
    void trackIngestedRejectsNoArtistsAndRevisionZero() {
        TrackIngested t = ingested;
        assertThatThrownBy(() -> new TrackIngested(t.eventId(), t.occurredAt(), t.trackId(), t.revision(), t.status(),
                t.title(), null, null, null, null, null, null, null, t.durationMs(), t.media(), t.territories()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TrackIngested.artists");
        assertThatThrownBy(() -> new TrackIngested(t.eventId(), t.occurredAt(), t.trackId(), 0, t.status(),
                t.title(), t.artists(), null, null, null, null, null, null, t.durationMs(), t.media(), t.territories()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TrackIngested.revision must be >= 1, was 0");
    }

    @Test
    void albumArtistAndDiscNumberAreOptionalButNeverEmptyOrBelowOne() {
        TrackIngested t = ingested;
        assertThat(t.albumArtist()).isEqualTo("Various Artists");
        assertThat(t.discNumber()).isEqualTo(1);

        assertThatThrownBy(() -> new TrackIngested(t.eventId(), t.occurredAt(), t.trackId(), t.revision(), t.status(),
                t.title(), t.artists(), t.album(), "", null, null, null, null, t.durationMs(), t.media(), t.territories()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TrackIngested.albumArtist must be null or not empty");
        assertThatThrownBy(() -> new TrackIngested(t.eventId(), t.occurredAt(), t.trackId(), t.revision(), t.status(),
                t.title(), t.artists(), t.album(), null, null, null, 1, 0, t.durationMs(), t.media(), t.territories()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TrackIngested.discNumber must be null or >= 1, was 0");
    }

    @Test
    void trackPlayedRejectsNullRequiredFields() {
        TrackPlayed p = played;
        assertThatThrownBy(() -> new TrackPlayed(p.eventId(), p.occurredAt(), p.trackId(), null, p.context(), p.track()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("TrackPlayed.userId is required and must not be null");
        assertThatThrownBy(() -> new TrackPlayed(p.eventId(), null, p.trackId(), p.userId(), p.context(), p.track()))
                .hasMessageContaining("TrackPlayed.occurredAt");
        assertThatThrownBy(() -> new TrackPlayed(p.eventId(), p.occurredAt(), p.trackId(), p.userId(), null, p.track()))
                .hasMessageContaining("TrackPlayed.context");
        assertThatThrownBy(() -> new PlayContext(null, "phone", null)).hasMessageContaining("PlayContext.platform");
        assertThatThrownBy(() -> new TrackFacts("", null, 1)).hasMessageContaining("TrackFacts.artist");
    }

    @Test
    void optionalFieldsMayBeNull() {
        PlayContext context = new PlayContext("web", "computer", null);
        TrackFacts facts = new TrackFacts("Someone", null, 1000);

        assertThat(context.country()).isNull();
        assertThat(facts.genre()).isNull();
    }

    @Test
    void listsAreCopiedImmutablyAndNeverNull() {
        TrackIngested t = ingested;
        List<String> artists = new ArrayList<>(List.of("A"));
        List<String> territories = new ArrayList<>(List.of("SE"));
        TrackIngested copy = new TrackIngested(t.eventId(), t.occurredAt(), t.trackId(), t.revision(), t.status(),
                t.title(), artists, null, null, null, null, null, null, t.durationMs(), t.media(), territories);

        artists.add("B");
        territories.clear();

        assertThat(copy.artists()).containsExactly("A");
        assertThat(copy.territories()).containsExactly("SE");
        assertThatThrownBy(() -> copy.artists().add("C")).isInstanceOf(UnsupportedOperationException.class);

        TrackIngested everywhere = new TrackIngested(t.eventId(), t.occurredAt(), t.trackId(), t.revision(),
                t.status(), t.title(), artists, null, null, null, null, null, null, t.durationMs(), t.media(), null);
        assertThat(everywhere.territories()).isEmpty();
    }

    @Test
    void playableInHonoursStatusAndTerritories() {
        TrackIngested t = ingested;
        TrackIngested everywhere = new TrackIngested(t.eventId(), t.occurredAt(), t.trackId(), t.revision(),
                TrackStatus.AVAILABLE, t.title(), t.artists(), null, null, null, null, null, null, t.durationMs(), t.media(),
                List.of());
        TrackIngested takenDown = new TrackIngested(t.eventId(), t.occurredAt(), t.trackId(), t.revision() + 1,
                TrackStatus.TAKEN_DOWN, t.title(), t.artists(), null, null, null, null, null, null, t.durationMs(), t.media(),
                List.of());

        assertThat(t.playableIn("SE")).isTrue();
        assertThat(t.playableIn("DE")).isFalse();
        assertThat(everywhere.playableIn("DE")).isTrue();
        assertThat(takenDown.playableIn("DE")).isFalse();
    }
}
