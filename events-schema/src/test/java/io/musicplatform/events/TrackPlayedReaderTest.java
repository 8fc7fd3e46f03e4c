package io.musicplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.node.ObjectNode;

/**
 * The one-pass reader against the published schema, over a corpus of valid and invalid documents: it
 * reads every valid document in the producers' form to the same event as the validator and the tree
 * binding, it vouches for no invalid one, and the codec, fast path included, gives exactly the
 * reference's verdict on every document (the same event, or the same violations).
 */
class TrackPlayedReaderTest {

    private static final EventCodec<TrackPlayed> CODEC = EventCodec.TRACK_PLAYED;

    /** Valid, in the form producers write: the one-pass reader must read every one itself. */
    static Stream<Arguments> validInProducersForm() {
        return Stream.of(
                named("the full example", TestEvents.example("track-played.full.json")),
                named("an encoded event", CODEC.encode(TestEvents.trackPlayed())),
                edited("country null", e -> context(e).putNull("country")),
                edited("no country", e -> context(e).remove("country")),
                edited("genre null", e -> track(e).putNull("genre")),
                edited("no genre", e -> track(e).remove("genre")),
                edited("unknown fields everywhere", e -> {
                    e.put("session", "s-1").putArray("tags").add(1).addObject().put("nested", true);
                    context(e).putObject("network").put("type", "wifi");
                    track(e).put("explicit", false).putNull("isrc");
                }),
                edited("upper-case UUIDs", e -> e.put("eventId", "C3D4E5F6-A7B8-4C9D-8E0F-1A2B3C4D5E6F")
                        .put("trackId", "6A0E7F8C-3B2D-4C1A-9E5F-7D8C9B0A1E2F")),
                edited("no fraction of a second", e -> e.put("occurredAt", "2026-03-01T21:15:42Z")),
                edited("one fraction digit", e -> e.put("occurredAt", "2026-03-01T21:15:42.5Z")),
                edited("nine fraction digits", e -> e.put("occurredAt", "2026-03-01T21:15:42.123456789Z")),
                edited("a leap day", e -> e.put("occurredAt", "2024-02-29T00:00:00Z")),
                edited("the last second of a year", e -> e.put("occurredAt", "2026-12-31T23:59:59.999Z")),
                edited("a duration of 1 ms", e -> track(e).put("durationMs", 1)),
                edited("the longest duration", e -> track(e).put("durationMs", Long.MAX_VALUE)),
                edited("text beyond ASCII", e -> {
                    e.put("userId", "ünïcødé-用户");
                    track(e).put("artist", "Sigur Rós 🎵").put("genre", "Post-rock");
                }),
                edited("a one-character user id", e -> e.put("userId", "x")),
                named("escapes, spacing and another key order", """
                        {  "track" : { "durationMs" : 1000 , "artist" : "A\\u00e9\\n\\"quoted\\"" },
                           "context" : { "device" : "phone", "platform" : "web", "country" : null },
                           "userId" : "user\\/1", "trackId" : "6a0e7f8c-3b2d-4c1a-9e5f-7d8c9b0a1e2f",
                           "occurredAt" : "2026-03-01T21:15:42.250Z", "eventId" : "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f" }
                        """));
    }

    /** Valid or not, in forms producers do not write: the reader leaves them to the validator. */
    static Stream<Arguments> unusual() {
        return Stream.of(
                named("the minimal example (an offset of +01:00)", TestEvents.example("track-played.minimal.json")),
                edited("an offset other than Z", e -> e.put("occurredAt", "2026-03-01T23:15:42.250+02:00")),
                edited("a lower-case z", e -> e.put("occurredAt", "2026-03-01T21:15:42.250z")),
                edited("a lower-case t", e -> e.put("occurredAt", "2026-03-01t21:15:42.250Z")),
                edited("a leap second", e -> e.put("occurredAt", "2016-12-31T23:59:60Z")),
                edited("a duration written 1000.0", e -> track(e).put("durationMs", 1000.0)),
                edited("a duration past a long", e -> track(e).put("durationMs", new BigInteger("9223372036854775808"))),
                edited("a UUID without dashes", e -> e.put("eventId", "c3d4e5f6a7b84c9d8e0f1a2b3c4d5e6f")),
                edited("a country with a trailing newline", e -> context(e).put("country", "DE\n")),
                named("a repeated field", """
                        {"eventId": "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f", "eventId": "d3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f",
                         "occurredAt": "2026-03-01T21:15:42.250Z", "trackId": "6a0e7f8c-3b2d-4c1a-9e5f-7d8c9b0a1e2f",
                         "userId": "u", "context": {"platform": "web", "device": "phone"},
                         "track": {"artist": "A", "durationMs": 1}}"""),
                named("content after the object", new String(TestEvents.example("track-played.full.json"), StandardCharsets.UTF_8) + " {}"));
    }

    /** Invalid: the reader must vouch for none, and the codec must refuse each with the validator's words. */
    static Stream<Arguments> invalid() {
        return Stream.of(
                edited("no eventId", e -> e.remove("eventId")),
                edited("no occurredAt", e -> e.remove("occurredAt")),
                edited("no trackId", e -> e.remove("trackId")),
                edited("no userId", e -> e.remove("userId")),
                edited("no context", e -> e.remove("context")),
                edited("no track", e -> e.remove("track")),
                edited("no platform", e -> context(e).remove("platform")),
                edited("no device", e -> context(e).remove("device")),
                edited("no artist", e -> track(e).remove("artist")),
                edited("no durationMs", e -> track(e).remove("durationMs")),
                edited("eventId a number", e -> e.put("eventId", 42)),
                edited("eventId null", e -> e.putNull("eventId")),
                edited("eventId not a UUID", e -> e.put("eventId", "not-a-uuid")),
                edited("eventId with a letter past f", e -> e.put("eventId", "g3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f")),
                edited("eventId one digit short", e -> e.put("eventId", "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6")),
                edited("eventId with full-width digits", e -> e.put("eventId", "c３d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f")),
                edited("trackId not a UUID", e -> e.put("trackId", "track-1")),
                edited("trackId empty", e -> e.put("trackId", "")),
                edited("occurredAt a number", e -> e.put("occurredAt", 1_700_000_000_000L)),
                edited("occurredAt a date only", e -> e.put("occurredAt", "2026-03-01")),
                edited("occurredAt without a zone", e -> e.put("occurredAt", "2026-03-01T21:15:42.250")),
                edited("occurredAt on February 30", e -> e.put("occurredAt", "2026-02-30T10:00:00Z")),
                edited("occurredAt on February 29 of a common year", e -> e.put("occurredAt", "2026-02-29T10:00:00Z")),
                edited("occurredAt in month 13", e -> e.put("occurredAt", "2026-13-01T10:00:00Z")),
                edited("occurredAt at hour 24", e -> e.put("occurredAt", "2026-03-01T24:00:00Z")),
                edited("occurredAt at minute 60", e -> e.put("occurredAt", "2026-03-01T10:60:00Z")),
                edited("occurredAt with an empty fraction", e -> e.put("occurredAt", "2026-03-01T10:00:00.Z")),
                edited("occurredAt in words", e -> e.put("occurredAt", "yesterday")),
                edited("userId empty", e -> e.put("userId", "")),
                edited("userId a number", e -> e.put("userId", 7)),
                edited("userId null", e -> e.putNull("userId")),
                edited("context a string", e -> e.put("context", "web")),
                edited("context an array", e -> e.putArray("context").add("web")),
                edited("context null", e -> e.putNull("context")),
                edited("track null", e -> e.putNull("track")),
                edited("platform empty", e -> context(e).put("platform", "")),
                edited("platform a number", e -> context(e).put("platform", 3)),
                edited("device empty", e -> context(e).put("device", "")),
                edited("device null", e -> context(e).putNull("device")),
                edited("country a name", e -> context(e).put("country", "Germany")),
                edited("country lower case", e -> context(e).put("country", "de")),
                edited("country one letter", e -> context(e).put("country", "D")),
                edited("country a number", e -> context(e).put("country", 49)),
                edited("country empty", e -> context(e).put("country", "")),
                edited("artist empty", e -> track(e).put("artist", "")),
                edited("artist null", e -> track(e).putNull("artist")),
                edited("genre empty", e -> track(e).put("genre", "")),
                edited("genre a number", e -> track(e).put("genre", 5)),
                edited("durationMs 0", e -> track(e).put("durationMs", 0)),
                edited("durationMs negative", e -> track(e).put("durationMs", -1)),
                edited("durationMs text", e -> track(e).put("durationMs", "long")),
                edited("durationMs a fraction", e -> track(e).put("durationMs", 1.5)),
                edited("durationMs null", e -> track(e).putNull("durationMs")),
                named("an array", "[]"),
                named("null", "null"),
                named("a number", "42"),
                named("a string", "\"track-played\""),
                named("an empty object", "{}"),
                named("not JSON", "this is not JSON"),
                named("cut short", "{\"eventId\": \"c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f\", \"occurredAt\": "),
                named("empty", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validInProducersForm")
    void readsEveryValidDocumentInOnePassAsTheValidatorDoes(String name, byte[] document) {
        TrackPlayed reference = CODEC.decodeValidated(Topics.TRACK_PLAYED, document);

        assertThat(TrackPlayedReader.read(document)).isNotNull().isEqualTo(reference);
        assertThat(CODEC.decode(Topics.TRACK_PLAYED, document)).isEqualTo(reference);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void vouchesForNoInvalidDocumentAndRefusesItInTheValidatorsWords(String name, byte[] document) {
        Outcome reference = Outcome.of(() -> CODEC.decodeValidated(Topics.TRACK_PLAYED, document));
        assertThat(reference.event()).as("the corpus says it is invalid").isNull();

        if (document.length > 0) {
            assertThat(TrackPlayedReader.read(document)).isNull();
        }
        assertThat(Outcome.of(() -> CODEC.decode(Topics.TRACK_PLAYED, document))).isEqualTo(reference);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusual")
    void leavesUnusualFormsToTheValidator(String name, byte[] document) {
        Outcome reference = Outcome.of(() -> CODEC.decodeValidated(Topics.TRACK_PLAYED, document));

        assertThat(TrackPlayedReader.read(document)).isNull();
        assertThat(Outcome.of(() -> CODEC.decode(Topics.TRACK_PLAYED, document))).isEqualTo(reference);
    }

    /** A decode's result: the event, or the violations it was refused for. */
    private record Outcome(TrackPlayed event, List<String> violations) {
        static Outcome of(Supplier<TrackPlayed> decode) {
            try {
                return new Outcome(decode.get(), null);
            } catch (InvalidEventException refused) {
                return new Outcome(null, refused.violations());
            }
        }
    }

    private static Arguments named(String name, String document) {
        return named(name, document.getBytes(StandardCharsets.UTF_8));
    }

    private static Arguments named(String name, byte[] document) {
        return Arguments.of(name, document);
    }

    private static Arguments edited(String name, Consumer<ObjectNode> edit) {
        ObjectNode event = TestEvents.tree(TestEvents.example("track-played.full.json"));
        edit.accept(event);
        return named(name, TestEvents.bytes(event));
    }

    private static ObjectNode context(ObjectNode event) {
        return (ObjectNode) event.get("context");
    }

    private static ObjectNode track(ObjectNode event) {
        return (ObjectNode) event.get("track");
    }
}
