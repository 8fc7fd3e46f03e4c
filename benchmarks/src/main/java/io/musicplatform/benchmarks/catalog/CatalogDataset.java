package io.musicplatform.benchmarks.catalog;

import io.musicplatform.events.Media;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackIngestedSerializer;
import io.musicplatform.events.TrackStatus;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A catalog shaped like a real one, the same at every run (seeded): a few thousand artists whose
 * track counts fall off as popularity does (a handful of prolific artists, a long tail), albums of
 * twelve tracks under their artist, some tracks featuring a second artist, twenty genres of very
 * unequal size, titles and artist names with accents, release years leaning recent.
 */
public final class CatalogDataset {

    public static final List<String> GENRES = List.of("pop", "rock", "hip-hop", "electronic", "r&b", "jazz", "classical",
            "country", "latin", "metal", "folk", "reggae", "blues", "soul", "punk", "indie", "chanson", "k-pop",
            "ambient", "world");
    private static final int ARTISTS = 3_000;
    private static final int TRACKS_PER_ALBUM = 12;

    private static final List<String> FIRST = List.of("Ada", "Björn", "Chloé", "Dario", "Élodie", "Fatou", "Grace", "Hugo",
            "Inès", "Jonas", "Kenji", "Léa", "Marta", "Noah", "Oumar", "Paz", "Quentin", "Rosa", "Søren", "Talia", "Uma",
            "Viktor", "Wen", "Ximena", "Yusuf", "Zoë", "Amara", "Bruno", "Clara", "Diego", "Emil", "Frida", "Gaspard",
            "Hana", "Ivo", "Joana", "Kofi", "Lucía", "Mateo", "Nour");
    private static final List<String> LAST = List.of("Adeyemi", "Bergström", "Costa", "Dubois", "Eriksen", "Fontaine",
            "García", "Haddad", "Ito", "Jansen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quispe",
            "Rossi", "Silva", "Tanaka", "Umarov", "Vasquez", "Weber", "Xu", "Yilmaz", "Zielinski", "Müller", "Núñez",
            "O'Brien", "Château", "Kim", "Diallo", "Novak", "Park", "Lambert", "Horvat", "Mendes", "Ferreira", "Laurent",
            "Schmidt", "Olsen", "Ricci", "Sato", "Ivanova", "Mbeki", "Santos", "Keller", "Leroy", "Bakker", "Popescu",
            "Andersson", "Fischer", "Marchetti", "Cohen", "Rahman", "Singh", "Wójcik", "Hansen", "Blanc", "Moreno",
            "Ortega", "Lopez", "Nguyen", "Tran", "Pham", "Hoang", "Ali", "Hassan", "Gomez", "Torres", "Ramos", "Reyes",
            "Flores", "Cruz", "Morales", "Herrera", "Medina", "Castro", "Vargas", "Rojas");
    private static final List<String> WORDS = List.of("night", "river", "golden", "echo", "summer", "midnight", "neon",
            "heart", "fire", "blue", "silence", "city", "dream", "paper", "ocean", "velvet", "wild", "shadow", "light",
            "rain", "électrique", "été", "mañana", "corazón", "nuit", "amour", "Zeit", "Sehnsucht", "sol", "luna", "starlight",
            "horizon", "gravity", "ember", "crystal", "satellite", "highway", "garden", "winter", "thunder", "honey", "glass",
            "lonely", "forever", "tonight", "broken", "electric", "dancing", "falling", "running", "waves", "mirror", "storm");

    private final Random random;
    private final double[] artistWeights;
    private final double[] genreWeights;
    private final List<String> artistNames;
    private final List<String> albumTitles;

    private CatalogDataset(long seed) {
        this.random = new Random(seed);
        this.artistWeights = cumulativeZipf(ARTISTS, 0.6);
        this.genreWeights = cumulativeZipf(GENRES.size(), 1.0);
        this.artistNames = artistNames();
        this.albumTitles = albumTitles();
    }

    /** {@code tracks} first revisions of as many tracks, all available, in the order ingestion would publish them. */
    public static List<TrackIngested> tracks(int tracks, long seed) {
        return new CatalogDataset(seed).generate(tracks);
    }

    /** Publishes the catalog as ingestion-service would: keyed by track id, acknowledged by every replica. */
    public static void publish(String bootstrapServers, List<TrackIngested> tracks) throws Exception {
        long begin = System.nanoTime();
        try (KafkaProducer<String, TrackIngested> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new StringSerializer(), new TrackIngestedSerializer())) {
            for (TrackIngested track : tracks) {
                producer.send(new ProducerRecord<>(Topics.TRACK_INGESTED, track.trackId(), track));
            }
            producer.flush();
        }
        System.out.printf(Locale.ROOT, "bench: published %,d TrackIngested events in %.1f s%n", tracks.size(),
                (System.nanoTime() - begin) / 1e9);
    }

    /** How the twenty genres are weighted, most popular first: cumulative, for {@link #pick}. */
    static double[] genreWeights() {
        return cumulativeZipf(GENRES.size(), 1.0);
    }

    /** The index whose share of the cumulative weights {@code draw} (in [0, 1)) falls in. */
    static int pick(double[] cumulative, double draw) {
        int found = Arrays.binarySearch(cumulative, draw * cumulative[cumulative.length - 1]);
        return Math.min(found >= 0 ? found + 1 : -found - 1, cumulative.length - 1);
    }

    private List<TrackIngested> generate(int tracks) {
        int[] tracksByArtist = new int[ARTISTS];
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<TrackIngested> events = new ArrayList<>(tracks);
        for (int i = 0; i < tracks; i++) {
            int artist = pick(artistWeights, random.nextDouble());
            int position = tracksByArtist[artist]++;
            int album = position / TRACKS_PER_ALBUM;
            List<String> artists = new ArrayList<>(List.of(artistNames.get(artist)));
            if (random.nextDouble() < 0.15) {
                String featured = artistNames.get(random.nextInt(ARTISTS));
                if (!artists.contains(featured)) {
                    artists.add(featured);
                }
            }
            String trackId = UUID.nameUUIDFromBytes(("bench-track-" + i).getBytes(StandardCharsets.UTF_8)).toString();
            // An artist keeps to one genre most of the time, as a real catalog does.
            String genre = GENRES.get(random.nextDouble() < 0.8 ? pick(genreWeights, (artist * 0.618034) % 1.0)
                    : pick(genreWeights, random.nextDouble()));
            long durationMs = Math.max(45_000, Math.round(215_000 + random.nextGaussian() * 60_000));
            int year = 2026 - (int) Math.min(65, Math.abs(random.nextGaussian() * 18));
            List<String> territories = random.nextDouble() < 0.1 ? List.of("FR", "BE", "CH") : List.of();
            events.add(new TrackIngested(new UUID(random.nextLong(), random.nextLong()), start.plusSeconds(i), trackId, 1,
                    TrackStatus.AVAILABLE, title(), artists, albumTitle(artist, album), null, genre, year,
                    position % TRACKS_PER_ALBUM + 1, 1, durationMs,
                    new Media("media", "tracks/" + trackId + ".flac", "audio/flac", "flac", 900 + random.nextInt(200), 44_100,
                            durationMs * 110, HexFormat.of().formatHex(sha256Like(trackId))),
                    territories));
        }
        return events;
    }

    private String title() {
        int words = 1 + random.nextInt(4);
        StringBuilder title = new StringBuilder();
        for (int w = 0; w < words; w++) {
            String word = WORDS.get(random.nextInt(WORDS.size()));
            title.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : " " + word);
        }
        if (random.nextDouble() < 0.05) {
            title.append(" (Remastered)");
        }
        return title.toString();
    }

    /** The album's title: distinct for each album of one artist, shared across artists as real titles are. */
    private String albumTitle(int artist, int album) {
        int size = albumTitles.size();
        String title = albumTitles.get((artist * 31 + album) % size);
        return album < size ? title : title + " (Vol. " + (album / size + 1) + ")";
    }

    private List<String> artistNames() {
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < ARTISTS) {
            String name = random.nextDouble() < 0.2
                    ? "The " + capitalized(WORDS.get(random.nextInt(WORDS.size()))) + " " + capitalized(WORDS.get(random.nextInt(WORDS.size()))) + "s"
                    : FIRST.get(random.nextInt(FIRST.size())) + " " + LAST.get(random.nextInt(LAST.size()));
            names.add(name);
        }
        return List.copyOf(names);
    }

    private List<String> albumTitles() {
        Set<String> titles = new LinkedHashSet<>();
        while (titles.size() < 200) {
            titles.add(capitalized(WORDS.get(random.nextInt(WORDS.size()))) + " " + WORDS.get(random.nextInt(WORDS.size())));
        }
        return List.copyOf(titles);
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static byte[] sha256Like(String seed) {
        byte[] bytes = new byte[32];
        new Random(seed.hashCode()).nextBytes(bytes);
        return bytes;
    }

    /** Cumulative weights of {@code n} ranks whose weight falls as {@code 1 / rank^exponent} (Zipf's law). */
    private static double[] cumulativeZipf(int n, double exponent) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int rank = 1; rank <= n; rank++) {
            sum += 1 / Math.pow(rank, exponent);
            cumulative[rank - 1] = sum;
        }
        return cumulative;
    }
}
