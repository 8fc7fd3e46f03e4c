package io.musicplatform.benchmarks.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicplatform.benchmarks.Benchmark;
import io.musicplatform.benchmarks.PasswordGrant;
import io.musicplatform.benchmarks.ProcessCpu;
import io.musicplatform.benchmarks.Report;
import io.musicplatform.events.Topics;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.S3Server;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/bench ingestion}: a bulk import of 1,000 small tagged files (MP3, FLAC, M4A, Ogg Vorbis
 * and WAV) already in the bucket, on the real Kafka, PostgreSQL, S3 server and Keycloak. Measured in
 * one run:
 * <ol>
 *   <li>the ceiling: reading every object from the storage and hashing it (SHA-256), with as many
 *       files at a time as the service's import works on: what any import must do at least;</li>
 *   <li>the import: {@code POST /api/ingestion/imports} of their prefix, timed from the request to the
 *       last of the 1,000 {@code TrackIngested} events read from the topic (object to published
 *       event). Targets: at least 50 tracks/s, and at least 30% of the ceiling.</li>
 * </ol>
 */
public final class IngestionBenchmark implements Benchmark {

    private static final String SERVICE = "ingestion-service";
    private static final String API = "/api/ingestion";
    private static final int FILES = 1_000;
    private static final long SEED = 20261128L;
    /** Files an import works on at once: the service's {@code music.ingestion.job-concurrency}, and the ceiling's too. */
    static final int CONCURRENCY = 8;
    private static final String PREFIX = "imports/bench-label/";
    /**
     * Files of another label imported first, untimed, as the ceiling's first pass is: the figure is
     * that of a service whose code is compiled, not of a JVM's first minute (JIT compilation alone
     * took a third of a cold service's CPU time).
     */
    private static final int WARM_UP_FILES = 300;
    private static final String WARM_UP_PREFIX = "imports/bench-warm-up/";
    private static final Duration IMPORT_WITHIN = Duration.ofMinutes(10);
    private static final double MINIMUM_TRACKS_PER_SECOND = 50;
    private static final double RATIO_TARGET = 0.3;
    /** A line of the service's phase timers in the Prometheus text format: sum or count, phase, value. */
    private static final Pattern PHASE_LINE = Pattern.compile("^music_ingestion_phase_seconds_(sum|count)\\{[^}]*phase=\"([\\w-]+)\"[^}]*} ([0-9.eE+-]+)$",
            Pattern.MULTILINE);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public List<String> services() {
        return List.of(SERVICE);
    }

    @Override
    public EnumSet<ServerKind> servers() {
        return EnumSet.of(ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.S3, ServerKind.KEYCLOAK);
    }

    @Override
    public Map<String, String> properties(String service) {
        return Map.of("music.ingestion.job-concurrency", Integer.toString(CONCURRENCY));
    }

    @Override
    public Report run(RealServers servers, Map<String, ServiceProcess> launched) throws Exception {
        ServiceProcess ingestion = launched.get(SERVICE);
        Path work = Files.createTempDirectory("bench-ingestion-");
        long making = System.nanoTime();
        List<IngestionDataset.File> made = IngestionDataset.make(work, WARM_UP_FILES + FILES, SEED);
        List<IngestionDataset.File> warmUp = made.subList(0, WARM_UP_FILES);
        List<IngestionDataset.File> files = made.subList(WARM_UP_FILES, made.size());
        long bytes = 0;
        try (S3Client s3 = client(servers.s3())) {
            for (IngestionDataset.File file : warmUp) {
                s3.putObject(put -> put.bucket(S3Server.BUCKET).key(WARM_UP_PREFIX + file.name()), RequestBody.fromFile(file.path()));
            }
            ProcessCpu cpu = ProcessCpu.of(servers.directory().toString());
            Map<String, Duration> putting = cpu.now();
            for (IngestionDataset.File file : files) {
                s3.putObject(put -> put.bucket(S3Server.BUCKET).key(PREFIX + file.name()), RequestBody.fromFile(file.path()));
                bytes += Files.size(file.path());
            }
            // Beside the import's copy: what a PUT of the same bytes costs, one at a time (the storage's share is the comparable part).
            System.out.println("bench: CPU time per file put into the bucket: " + ProcessCpu.perOperation(putting, cpu.now(), FILES, true));
            System.out.printf(Locale.ROOT, "bench: %,d tagged files (%,d KB, %s) made and put into the bucket in %.1f s%n", FILES,
                    bytes / 1024, java.util.Arrays.stream(io.musicplatform.demo.TaggedAudio.Format.values()).map(io.musicplatform.demo.TaggedAudio.Format::extension)
                            .collect(java.util.stream.Collectors.joining(", ")),
                    (System.nanoTime() - making) / 1e9);

            double rawRate = readAndHash(s3, files, cpu);
            System.out.printf(Locale.ROOT, "bench: ceiling: read and hashed %,d objects, %d at a time, at %s%n", FILES, CONCURRENCY,
                    Report.perSecond(rawRate));

            String token = PasswordGrant.accessToken(servers.keycloak(), "operator", "operator");
            // Every event of the warm-up is read back before the measured import begins, so none is taken for one of its own.
            importAll(servers.kafka().bootstrapServers(), ingestion, token, WARM_UP_PREFIX, WARM_UP_FILES);
            Map<String, Duration> cpuBefore = cpu.now();
            Imported imported = importAll(servers.kafka().bootstrapServers(), ingestion, token, PREFIX, FILES);
            System.out.println("bench: CPU time per file imported: " + ProcessCpu.perOperation(cpuBefore, cpu.now(), FILES, true));
            Report report = new Report();
            report.throughput("import, object to published event", imported.tracksPerSecond(), imported.failed(), rawRate, RATIO_TARGET);
            report.atLeast("import, tracks per second", imported.tracksPerSecond(), MINIMUM_TRACKS_PER_SECOND);
            report.info("import job, request to SUCCEEDED", String.format(Locale.ROOT, "%.1f s", imported.jobSeconds()));
            phases(ingestion).forEach((phase, millis) -> report.info(phase.equals("record-group")
                    ? "a group's record (" + 2 * CONCURRENCY + " files), mean" : "a file's " + phase + ", mean", Report.millis(millis)));
            return report;
        } finally {
            for (IngestionDataset.File file : made) {
                Files.deleteIfExists(file.path());
            }
            Files.deleteIfExists(work);
        }
    }

    /** The ceiling: every object read from the storage and hashed, {@link #CONCURRENCY} at a time; objects per second. */
    private static double readAndHash(S3Client s3, List<IngestionDataset.File> files, ProcessCpu cpu) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            // Once to warm the client and the storage's caches as the import will find them, once measured.
            double rate = 0;
            for (int pass = 0; pass < 2; pass++) {
                Map<String, Duration> cpuBefore = cpu.now();
                long begin = System.nanoTime();
                List<Future<String>> hashes = files.stream().map(file -> pool.submit(() -> {
                    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                    try (InputStream in = s3.getObject(get -> get.bucket(S3Server.BUCKET).key(PREFIX + file.name()))) {
                        byte[] buffer = new byte[64 * 1024];
                        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                            sha256.update(buffer, 0, read);
                        }
                    }
                    return HexFormat.of().formatHex(sha256.digest());
                })).toList();
                Set<String> distinct = new HashSet<>();
                for (Future<String> hash : hashes) {
                    distinct.add(hash.get());
                }
                if (distinct.size() != files.size()) {
                    throw new IllegalStateException("The dataset holds " + distinct.size() + " distinct contents, not " + files.size());
                }
                rate = files.size() / ((System.nanoTime() - begin) / 1e9);
                if (pass == 1) {
                    System.out.println("bench: CPU time per file read and hashed (the ceiling): " + ProcessCpu.perOperation(cpuBefore, cpu.now(), files.size(), true));
                }
            }
            return rate;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What the import did: its rate from request to the last event, failures, and the job's own duration. */
    private record Imported(double tracksPerSecond, long failed, double jobSeconds) {
    }

    /**
     * Starts the import and reads track-ingested from its current end until every file's event is
     * there; the job's view must agree (all done, none failed).
     */
    private Imported importAll(String bootstrapServers, ServiceProcess ingestion, String token, String prefix, int files) throws Exception {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRACK_INGESTED).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            long begin = System.nanoTime();
            String job = startImport(ingestion, token, prefix);
            System.out.printf(Locale.ROOT, "bench: import of %s started: %s%n", prefix, job);
            Set<String> tracks = new HashSet<>();
            long deadline = begin + IMPORT_WITHIN.toNanos();
            long lastReport = begin;
            long lastEvent = begin;
            while (tracks.size() < files) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Only " + tracks.size() + " of " + files + " tracks published in "
                            + IMPORT_WITHIN.toMinutes() + " min; job: " + get(ingestion, token, job) + "; see " + ingestion.logFile());
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    tracks.add(record.key());
                    lastEvent = System.nanoTime();
                }
                if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(5)) {
                    lastReport = System.nanoTime();
                    System.out.printf(Locale.ROOT, "bench: %,d of %,d tracks published%n", tracks.size(), files);
                }
            }
            double seconds = (lastEvent - begin) / 1e9;
            JsonNode view = awaitJob(ingestion, token, job, TimeUnit.MINUTES.toNanos(1));
            double jobSeconds = (System.nanoTime() - begin) / 1e9;
            long done = view.path("done").asLong();
            long failed = view.path("failed").asLong();
            System.out.printf(Locale.ROOT, "bench: %,d tracks published in %.1f s; the job: %s, %d done, %d failed%n", tracks.size(), seconds,
                    view.path("state").asText(), done, failed);
            if (done != files || failed != 0) {
                throw new IllegalStateException("The import job ended with " + done + " done and " + failed + " failed of " + files + ": " + view);
            }
            return new Imported(files / seconds, failed, jobSeconds);
        }
    }

    /**
     * The mean time a file spent in each phase (read, analyse, store, record), from the service's own
     * {@code music_ingestion_phase_seconds} timers: what the import waits on, with {@link #CONCURRENCY}
     * files in flight.
     */
    private Map<String, Double> phases(ServiceProcess ingestion) throws Exception {
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(ingestion.managementUri() + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (metrics.statusCode() != 200) {
            throw new IllegalStateException("GET " + ingestion.managementUri() + "/metrics answered " + metrics.statusCode());
        }
        Map<String, Double> sums = new TreeMap<>();
        Map<String, Double> counts = new TreeMap<>();
        Matcher line = PHASE_LINE.matcher(metrics.body());
        while (line.find()) {
            (line.group(1).equals("sum") ? sums : counts).put(line.group(2), Double.parseDouble(line.group(3)));
        }
        Map<String, Double> means = new LinkedHashMap<>();
        for (String phase : List.of("read", "analyse", "store", "record", "record-group")) {
            if (counts.getOrDefault(phase, 0.0) > 0) {
                means.put(phase, 1000 * sums.get(phase) / counts.get(phase));
            }
        }
        return means;
    }

    private String startImport(ServiceProcess ingestion, String token, String prefix) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingestion.baseUri() + API + "/imports")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("prefix", prefix)))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST " + API + "/imports answered " + response.statusCode() + ": " + response.body());
        }
        return API + "/imports/" + json.readTree(response.body()).path("id").asText();
    }

    /** The job's view once it has ended (it records the last files' items after their events are out). */
    private JsonNode awaitJob(ServiceProcess ingestion, String token, String job, long withinNanos) throws Exception {
        long deadline = System.nanoTime() + withinNanos;
        while (true) {
            JsonNode view = get(ingestion, token, job);
            String state = view.path("state").asText();
            if (state.equals("SUCCEEDED") || state.equals("FAILED") || System.nanoTime() > deadline) {
                return view;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private JsonNode get(ServiceProcess service, String token, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUri() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    private static S3Client client(S3Server s3) {
        return S3Client.builder()
                .endpointOverride(URI.create(s3.endpoint()))
                .region(Region.of(S3Server.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)))
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
