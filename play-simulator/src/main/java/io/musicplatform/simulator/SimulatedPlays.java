package io.musicplatform.simulator;

import io.musicplatform.events.PlayContext;
import io.musicplatform.events.TrackFacts;
import io.musicplatform.events.TrackPlayed;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * An endless, reproducible stream of plays that look like a real platform's: a catalog whose track
 * popularity follows a Zipf law (a few hits, a long tail), many listeners of unequal activity, a
 * daily rhythm (quiet at night, busy in the evening), and a mix of countries, platforms and devices.
 * The same settings and seed give the same plays; not thread-safe (one generator per thread).
 */
public final class SimulatedPlays {

    /** What to simulate. {@code days == 0} stamps plays with the clock's now; otherwise they spread over {@code days} from {@code firstDay}. */
    public record Settings(int tracks, int artists, int users, double zipfExponent, long seed, LocalDate firstDay, int days) {
        public Settings {
            if (tracks < 1 || artists < 1 || users < 1 || days < 0) {
                throw new IllegalArgumentException("tracks, artists and users must be at least 1, days at least 0");
            }
        }

        public static Settings defaults() {
            return new Settings(10_000, 1_000, 100_000, 1.0, 42, LocalDate.now(ZoneOffset.UTC), 0);
        }
    }

    /** One catalog track as the plays copy it (TrackPlayed.track). */
    public record Track(String id, String artist, String genre, long durationMs) {
    }

    private static final List<String> GENRES = List.of("pop", "rock", "hip-hop", "electronic", "r&b", "latin", "classical",
            "jazz", "chanson", "k-pop", "metal", "folk", "reggae", "soundtrack");
    /** Plays per hour of day, relative (UTC): a listening day with a dip at night and peaks at commute and evening. */
    private static final double[] HOURS = {2, 1.2, 0.8, 0.6, 0.6, 1, 2.2, 4, 5, 4.5, 4.2, 4.5, 5, 4.8, 4.5, 4.6, 5, 5.8, 6.5, 7, 7.2, 6.5, 5, 3.2};
    private static final String[] COUNTRIES = {"US", "BR", "GB", "DE", "FR", "MX", "JP", "IN", "ES", "IT", "CA", "SE", "PL", "NL", "KR", null};
    private static final double[] COUNTRY_SHARE = {24, 10, 8, 7, 6, 6, 5, 5, 4, 4, 4, 3, 3, 3, 3, 5};
    private static final String[] PLATFORMS = {"android", "ios", "web", "desktop"};
    private static final double[] PLATFORM_SHARE = {45, 30, 15, 10};
    private static final String[] DEVICES = {"phone", "computer", "tablet", "speaker", "car", "tv"};
    private static final double[] DEVICE_SHARE = {62, 18, 6, 7, 5, 2};

    private final Settings settings;
    private final Clock clock;
    private final SplittableRandom random;
    private final Track[] catalog;
    private final String[] users;
    private final double[] trackCdf;
    private final double[] userCdf;
    private final double[] hourCdf = cdf(HOURS);
    private final double[] countryCdf = cdf(COUNTRY_SHARE);
    private final double[] platformCdf = cdf(PLATFORM_SHARE);
    private final double[] deviceCdf = cdf(DEVICE_SHARE);
    private final String[] userCountry;

    public SimulatedPlays(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    public SimulatedPlays(Settings settings, Clock clock) {
        this(settings, clock, null);
    }

    /**
     * Plays of a real catalog, such as tracks just uploaded: {@code tracks} replaces the generated one
     * (most popular first); {@code settings.tracks()} and {@code settings.artists()} are not used.
     */
    public SimulatedPlays(Settings settings, Clock clock, List<Track> tracks) {
        this.settings = settings;
        this.clock = clock;
        this.random = new SplittableRandom(settings.seed());
        SplittableRandom names = new SplittableRandom(settings.seed() ^ 0x5DEECE66DL);
        if (tracks != null) {
            if (tracks.isEmpty()) {
                throw new IllegalArgumentException("a catalog to play needs at least one track");
            }
            this.catalog = tracks.toArray(Track[]::new);
        } else {
            String[] artists = new String[settings.artists()];
            for (int i = 0; i < artists.length; i++) {
                artists[i] = "Artist " + (i + 1);
            }
            this.catalog = new Track[settings.tracks()];
            for (int i = 0; i < catalog.length; i++) {
                String artist = artists[(int) (zipfIndex(names.nextDouble(), artists.length))];
                String genre = names.nextInt(20) == 0 ? null : GENRES.get(Math.floorMod(artist.hashCode(), GENRES.size()));
                catalog[i] = new Track(new UUID(names.nextLong(), names.nextLong()).toString(), artist, genre, 90_000 + names.nextInt(300_000));
            }
        }
        this.users = new String[settings.users()];
        this.userCountry = new String[settings.users()];
        for (int i = 0; i < users.length; i++) {
            users[i] = new UUID(names.nextLong(), names.nextLong()).toString();
            userCountry[i] = COUNTRIES[pick(countryCdf, names.nextDouble())];
        }
        this.trackCdf = zipfCdf(catalog.length, settings.zipfExponent());
        // Listeners are unequal too, less so than tracks.
        this.userCdf = zipfCdf(users.length, 0.6);
    }

    /** The catalog the plays are drawn from, most popular first. */
    public List<Track> catalog() {
        return List.of(catalog);
    }

    public Settings settings() {
        return settings;
    }

    /** The next play: a fresh eventId, a track by popularity, a listener by activity, a time by the daily rhythm. */
    public TrackPlayed next() {
        Track track = catalog[pick(trackCdf, random.nextDouble())];
        int user = pick(userCdf, random.nextDouble());
        String platform = PLATFORMS[pick(platformCdf, random.nextDouble())];
        String device = switch (platform) {
            case "web", "desktop" -> "computer";
            default -> DEVICES[pick(deviceCdf, random.nextDouble())];
        };
        return new TrackPlayed(new UUID(random.nextLong(), random.nextLong()), when(), track.id(), users[user],
                new PlayContext(platform, device, userCountry[user]), new TrackFacts(track.artist(), track.genre(), track.durationMs()));
    }

    private Instant when() {
        if (settings.days() == 0) {
            return clock.instant();
        }
        LocalDate day = settings.firstDay().plusDays(random.nextInt(settings.days()));
        int hour = pick(hourCdf, random.nextDouble());
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(hour * 3600L + random.nextInt(3600)).plusMillis(random.nextInt(1000));
    }

    private long zipfIndex(double u, int n) {
        return Math.min(n - 1, (long) Math.floor(Math.pow(n, u)) - 1);
    }

    private static double[] zipfCdf(int n, double exponent) {
        double[] weights = new double[n];
        for (int rank = 1; rank <= n; rank++) {
            weights[rank - 1] = 1 / Math.pow(rank, exponent);
        }
        return cdf(weights);
    }

    private static double[] cdf(double[] weights) {
        double[] cdf = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cdf[i] = sum;
        }
        for (int i = 0; i < cdf.length; i++) {
            cdf[i] /= sum;
        }
        return cdf;
    }

    private static int pick(double[] cdf, double u) {
        int found = Arrays.binarySearch(cdf, u);
        int index = found >= 0 ? found : -found - 1;
        return Math.min(index, cdf.length - 1);
    }
}
