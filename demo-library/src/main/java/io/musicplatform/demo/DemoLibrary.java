package io.musicplatform.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicplatform.events.PlayContext;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.simulator.PlayPublisher;
import io.musicplatform.simulator.SimulatedPlays;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Loads the demo library into a running platform, as its users would: an operator uploads every
 * track of {@link DemoCatalogue} through the gateway (ingestion-service's presigned flow: announce,
 * PUT to the storage, complete), the loader waits until catalog-service has them all and every
 * consumer has caught up, then publishes simulated plays of these tracks on {@code track-played}
 * (spread over the last two weeks, a share of them by the demo user {@code listener}), so that stats
 * and popularity are not empty.
 *
 * <pre>
 * DemoLibrary --gateway URL --realm URL --kafka HOST:PORT [--marker FILE] [--plays N] [--listener-plays N]
 * </pre>
 * With {@code --marker}, a library already loaded (the file exists) is left alone and the file is
 * written once loading succeeds. Exit status 0 once loaded, 1 with the reason on the last line.
 */
public final class DemoLibrary {

    /** Retries of a storage PUT answered 5xx, S3's "try again". */
    private static final int STORAGE_RETRIES = 3;

    /** The public client of the realm, with the password grant (the realm file of the kit's Keycloak). */
    static final String CLIENT_ID = "music-app";
    static final int DEFAULT_PLAYS = 3_000;
    static final int DEFAULT_LISTENER_PLAYS = 120;
    private static final int UPLOADS_IN_FLIGHT = 4;
    private static final long PLAYS_SEED = 7;
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final List<String> CONSUMING_SERVICES = List.of("/api/catalog", "/api/search", "/api/playback");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the platform is. */
    public record Endpoints(URI gateway, URI realm, String kafkaBootstrapServers) {
    }

    /** A track the library holds, as ingestion-service answered it. */
    public record Track(String id, String title, String artist, String genre, long durationMs) {
    }

    /** What was loaded and how long it took. */
    public record Result(List<Track> tracks, int newTracks, long plays, long listenerPlays, Duration uploading, Duration visible,
                         Duration playing) {
    }

    private final Endpoints endpoints;
    private final PrintStream progress;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public DemoLibrary(Endpoints endpoints, PrintStream progress) {
        this.endpoints = endpoints;
        this.progress = progress;
    }

    public static void main(String[] args) {
        try {
            Arguments arguments = Arguments.parse(args);
            if (arguments.marker() != null && Files.exists(arguments.marker())) {
                System.out.println("demo: the library is already loaded (" + arguments.marker() + " exists)");
                return;
            }
            Result result = new DemoLibrary(arguments.endpoints(), System.out).load(arguments.plays(), arguments.listenerPlays());
            if (arguments.marker() != null) {
                Files.writeString(arguments.marker(), "loaded=" + Instant.now() + "\ntracks=" + result.tracks().size()
                        + "\nplays=" + result.plays() + "\n");
            }
        } catch (IllegalArgumentException e) {
            System.out.println("demo: " + e.getMessage());
            System.out.println(Arguments.USAGE);
            System.exit(1);
        } catch (Exception e) {
            System.out.println("demo: the library could not be loaded: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Uploads the catalogue, waits until the platform has it, publishes the plays. */
    public Result load(int plays, int listenerPlays) throws Exception {
        List<DemoCatalogue.Entry> entries = DemoCatalogue.entries();
        String operator = token("operator", "operator");
        progress.printf("demo: uploading %d tracks through %s...%n", entries.size(), endpoints.gateway());
        long begin = System.nanoTime();
        List<Track> tracks = new ArrayList<>();
        int newTracks = 0;
        ExecutorService uploads = Executors.newFixedThreadPool(UPLOADS_IN_FLIGHT);
        try {
            List<Future<Uploaded>> pending = new ArrayList<>();
            for (DemoCatalogue.Entry entry : entries) {
                pending.add(uploads.submit(() -> upload(operator, entry)));
            }
            for (Future<Uploaded> upload : pending) {
                Uploaded uploaded = upload.get();
                tracks.add(uploaded.track());
                newTracks += uploaded.duplicate() ? 0 : 1;
            }
        } finally {
            uploads.shutdownNow();
        }
        Duration uploading = Duration.ofNanos(System.nanoTime() - begin);
        progress.printf(Locale.ROOT, "demo: %d tracks uploaded in %.1f s (%d new)%n", tracks.size(), uploading.toMillis() / 1000.0, newTracks);

        begin = System.nanoTime();
        awaitVisible(operator, tracks);
        Duration visible = Duration.ofNanos(System.nanoTime() - begin);
        progress.printf(Locale.ROOT, "demo: every track in the catalog, the search and playback %.1f s later%n", visible.toMillis() / 1000.0);

        begin = System.nanoTime();
        String listener = subject(token("listener", "listener"));
        publishPlays(tracks, plays, listener, listenerPlays);
        Duration playing = Duration.ofNanos(System.nanoTime() - begin);
        progress.printf(Locale.ROOT, "demo: %,d simulated plays over the last 14 days published (%d by listener) in %.1f s%n",
                plays + listenerPlays, listenerPlays, playing.toMillis() / 1000.0);
        return new Result(List.copyOf(tracks), newTracks, plays + listenerPlays, listenerPlays, uploading, visible, playing);
    }

    private record Uploaded(Track track, boolean duplicate) {
    }

    /** One file through the presigned flow: announce it, PUT it to the storage, complete it. */
    private Uploaded upload(String token, DemoCatalogue.Entry entry) throws IOException, InterruptedException {
        byte[] audio = TaggedAudio.bytes(entry.format(), entry.tags());
        ObjectNode announce = JSON.createObjectNode().put("fileName", entry.fileName()).put("contentType", entry.format().contentType())
                .put("sizeBytes", audio.length);
        JsonNode ticket = call("POST", "/api/ingestion/uploads", token, announce, 201);
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(ticket.path("uploadUrl").asText()))
                .timeout(Duration.ofSeconds(30)).PUT(HttpRequest.BodyPublishers.ofByteArray(audio));
        ticket.path("headers").properties().forEach(header -> put.header(header.getKey(), header.getValue().asText()));
        // S3 asks clients to retry a 500 (InternalError, "Try again") or a 503 (SlowDown), as its SDKs
        // do. The local S3Proxy answers a 500 when a finished upload's staging object is deleted while
        // another is written under the same prefix (its file store removes the emptied folder).
        HttpResponse<String> stored = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
        for (int retry = 1; retry <= STORAGE_RETRIES && stored.statusCode() >= 500; retry++) {
            Thread.sleep(100L * retry);
            stored = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
        }
        if (stored.statusCode() != 200) {
            throw new IllegalStateException("the storage refused " + entry.fileName() + ": " + stored.statusCode() + " " + stored.body());
        }
        JsonNode completed = call("POST", "/api/ingestion/uploads/" + ticket.path("uploadId").asText() + "/complete", token,
                JSON.createObjectNode(), 201, 200);
        JsonNode track = completed.path("track");
        return new Uploaded(new Track(track.path("id").asText(), track.path("title").asText(), track.path("artists").path(0).asText(),
                track.path("genre").asText(null), track.path("durationMs").asLong()), completed.path("duplicate").asBoolean());
    }

    /** Until catalog-service serves every track and the services that read track-ingested have read it all. */
    private void awaitVisible(String token, List<Track> tracks) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        Set<Track> missing = new LinkedHashSet<>(tracks);
        String lagging = "";
        while (true) {
            for (var iterator = missing.iterator(); iterator.hasNext(); ) {
                if (status("/api/catalog/tracks/" + iterator.next().id(), token) == 200) {
                    iterator.remove();
                }
            }
            lagging = "";
            if (missing.isEmpty()) {
                for (String service : CONSUMING_SERVICES) {
                    if (lag(service, token) > 0) {
                        lagging = service;
                        break;
                    }
                }
                if (lagging.isEmpty()) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(missing.isEmpty() ? lagging + " has not read every track after " + VISIBLE_WITHIN.toSeconds() + " s"
                        : missing.size() + " tracks are still not in the catalog after " + VISIBLE_WITHIN.toSeconds() + " s, such as "
                        + missing.iterator().next());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** The consumer lag a service reports on its topics ({@code /admin/topics}, for operators). */
    private long lag(String service, String token) throws IOException, InterruptedException {
        JsonNode topics = call("GET", service + "/admin/topics", token, null, 200);
        long lag = 0;
        for (JsonNode topic : topics.isArray() ? topics : topics.path("items")) {
            for (JsonNode partition : topic.path("lag")) {
                lag += partition.path("lag").asLong();
            }
        }
        return lag;
    }

    /**
     * Plays drawn by popularity (Zipf) from the library's tracks, by thousands of simulated listeners,
     * spread over the 14 days before today (never in the future), plus {@code listenerPlays} by the
     * demo listener, so that its own stats and history have something.
     */
    private void publishPlays(List<Track> tracks, int plays, String listener, int listenerPlays) throws InterruptedException {
        List<SimulatedPlays.Track> catalog = new ArrayList<>(tracks.stream()
                .map(track -> new SimulatedPlays.Track(track.id(), track.artist(), track.genre(), Math.max(1, track.durationMs())))
                .toList());
        // Popularity follows the catalog's order: shuffled (the same way every time), the hits are spread across artists.
        Collections.shuffle(catalog, new Random(PLAYS_SEED));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        SimulatedPlays.Settings settings = new SimulatedPlays.Settings(catalog.size(), 1, 2_000, 1.0, PLAYS_SEED, today.minusDays(14), 14);
        SimulatedPlays simulated = new SimulatedPlays(settings, Clock.systemUTC(), catalog);
        List<TrackPlayed> events = new ArrayList<>(plays + listenerPlays);
        for (int i = 0; i < plays; i++) {
            events.add(simulated.next());
        }
        for (int i = 0; i < listenerPlays; i++) {
            TrackPlayed play = simulated.next();
            events.add(new TrackPlayed(play.eventId(), play.occurredAt(), play.trackId(), listener,
                    new PlayContext(play.context().platform(), play.context().device(), "FR"), play.track()));
        }
        try (PlayPublisher publisher = new PlayPublisher(endpoints.kafkaBootstrapServers())) {
            publisher.publish(events);
        }
    }

    private String token(String user, String password) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=" + CLIENT_ID + "&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoints.realm() + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token for " + user + " from " + endpoints.realm() + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    /** The user id ({@code sub}) a token carries; read, not verified: the token was just issued to this loader. */
    static String subject(String token) throws IOException {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a JSON Web Token");
        }
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).path("sub").asText();
    }

    private int status(String path, String token) throws IOException, InterruptedException {
        return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private JsonNode call(String method, String path, String token, JsonNode body, int... expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path, token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (int status : expected) {
            if (response.statusCode() == status) {
                return JSON.readTree(response.body());
            }
        }
        throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(endpoints.gateway().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    /** The command line. */
    record Arguments(Endpoints endpoints, Path marker, int plays, int listenerPlays) {

        static final String USAGE = "usage: DemoLibrary --gateway URL --realm URL --kafka HOST:PORT [--marker FILE] [--plays N] [--listener-plays N]";

        static Arguments parse(String[] args) {
            String gateway = null;
            String realm = null;
            String kafka = null;
            Path marker = null;
            int plays = DEFAULT_PLAYS;
            int listenerPlays = DEFAULT_LISTENER_PLAYS;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--gateway" -> gateway = value;
                    case "--realm" -> realm = value;
                    case "--kafka" -> kafka = value;
                    case "--marker" -> marker = Path.of(value);
                    case "--plays" -> plays = count(name, value);
                    case "--listener-plays" -> listenerPlays = count(name, value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (gateway == null || realm == null || kafka == null) {
                throw new IllegalArgumentException("--gateway, --realm and --kafka are required");
            }
            return new Arguments(new Endpoints(uri("--gateway", gateway), uri("--realm", realm), kafka), marker, plays, listenerPlays);
        }

        private static URI uri(String name, String value) {
            try {
                URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    throw new IllegalArgumentException(name + " must be an http(s) URL, not '" + value + "'");
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " must be an http(s) URL, not '" + value + "'", e);
            }
        }

        private static int count(String name, String value) {
            try {
                int count = Integer.parseInt(value);
                if (count < 0) {
                    throw new NumberFormatException();
                }
                return count;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a count of 0 or more, not '" + value + "'");
            }
        }
    }
}
