package io.musicplatform.simulator;

import io.musicplatform.events.TopicCreator;
import io.musicplatform.events.Topics;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The play simulator's command line:
 *
 * <pre>
 * java -cp "$(cat play-simulator/target/classpath.txt):play-simulator/target/classes" io.musicplatform.simulator.PlaySimulator \
 *     --bootstrap 127.0.0.1:9092 --plays 1000000 --rate 5000 --tracks 10000 --users 100000
 * </pre>
 *
 * Options (all optional): {@code --bootstrap} (default 127.0.0.1:9092), {@code --plays} (default
 * 100000), {@code --rate} plays per second (0, the default: as fast as possible), {@code --tracks},
 * {@code --artists}, {@code --users}, {@code --zipf} (popularity exponent, default 1.0), {@code --seed},
 * {@code --days} (0, the default: stamp plays now; N: spread them over N days from {@code --from}),
 * {@code --from} (YYYY-MM-DD), {@code --duplicates} (share sent twice with the same eventId, default 0).
 * It creates track-played with its declared settings if it is missing, prints its progress every
 * second and, at the end, the plays sent and the rate achieved. Exit code 2 on a wrong argument.
 */
public final class PlaySimulator {

    private PlaySimulator() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:9092");
        long count = Long.parseLong(options.getOrDefault("plays", "100000"));
        double rate = Double.parseDouble(options.getOrDefault("rate", "0"));
        double duplicates = Double.parseDouble(options.getOrDefault("duplicates", "0"));
        SimulatedPlays.Settings defaults = SimulatedPlays.Settings.defaults();
        SimulatedPlays.Settings settings = new SimulatedPlays.Settings(
                Integer.parseInt(options.getOrDefault("tracks", Integer.toString(defaults.tracks()))),
                Integer.parseInt(options.getOrDefault("artists", Integer.toString(defaults.artists()))),
                Integer.parseInt(options.getOrDefault("users", Integer.toString(defaults.users()))),
                Double.parseDouble(options.getOrDefault("zipf", "1.0")),
                Long.parseLong(options.getOrDefault("seed", Long.toString(System.nanoTime()))),
                LocalDate.parse(options.getOrDefault("from", LocalDate.now(ZoneOffset.UTC).toString())),
                Integer.parseInt(options.getOrDefault("days", "0")));
        TopicCreator.ensure(bootstrap, List.of(Topics.spec(Topics.TRACK_PLAYED)), Duration.ofSeconds(60));
        SimulatedPlays plays = new SimulatedPlays(settings);
        AtomicLong sent = new AtomicLong();
        long started = System.nanoTime();
        Thread progress = Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    Thread.sleep(1000);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf(Locale.ROOT, "%.0f s: %,d plays sent, %,.0f/s%n", seconds, sent.get(), sent.get() / seconds);
                }
            } catch (InterruptedException done) {
                Thread.currentThread().interrupt();
            }
        });
        try (PlayPublisher publisher = new PlayPublisher(bootstrap)) {
            publisher.publish(plays, count, rate, duplicates, play -> sent.incrementAndGet());
        }
        progress.interrupt();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "Done: %,d plays acknowledged in %.1f s, %,.0f plays/s%n", sent.get(), seconds, sent.get() / seconds);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<String> known = List.of("bootstrap", "plays", "rate", "tracks", "artists", "users", "zipf", "seed", "days", "from", "duplicates");
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!known.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("Usage: PlaySimulator [--" + String.join(" VALUE] [--", known) + " VALUE]; "
                        + "not understood: " + args[i]);
            }
            options.put(name, args[++i]);
        }
        return options;
    }
}
