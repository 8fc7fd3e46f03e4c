package io.musicplatform.realservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * S3Proxy over the filesystem: the S3 API with real signature checks (AWS SigV2 and SigV4, presigned
 * URLs included), so an expired or tampered URL is refused as it would be by the real storage.
 *
 * <p>Stopped and started again, it keeps its objects: they are files under {@code blobs/}. A URL
 * presigned before the stop still works after it, until it expires (same endpoint, same keys).
 */
public final class S3Server extends RealServer {

    public static final String ACCESS_KEY = "music-access-key";
    public static final String SECRET_KEY = "music-secret-key";
    public static final String REGION = "us-east-1";
    public static final String BUCKET = "media";
    /**
     * The web origins whose pages may use presigned URLs (browser uploads, the audio element): the local
     * gateway's, unless {@code MUSIC_STORAGE_CORS_ORIGINS} (comma-separated, the services' own setting
     * {@code music.storage.cors-origins}) names others.
     */
    public static final List<String> DEFAULT_CORS_ORIGINS = List.of("http://localhost:8080", "http://127.0.0.1:8080");

    private final int port;
    private final List<String> webOrigins;

    /** {@code webOrigins}: origins allowed besides {@link #corsOrigins()}, such as a gateway's on a port of its own. */
    S3Server(Path directory, int port, List<String> webOrigins) {
        super(directory);
        this.port = port;
        this.webOrigins = List.copyOf(webOrigins);
    }

    @Override
    public ServerKind kind() {
        return ServerKind.S3;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public Map<String, String> addresses() {
        return Map.of("endpoint", endpoint(), "bucket", BUCKET, "access key / secret", ACCESS_KEY + " / " + SECRET_KEY,
                "region", REGION);
    }

    /** The origins allowed to use presigned URLs from a browser: {@link #DEFAULT_CORS_ORIGINS} or the environment's. */
    public static List<String> corsOrigins() {
        String configured = System.getenv("MUSIC_STORAGE_CORS_ORIGINS");
        if (configured == null || configured.isBlank()) {
            return DEFAULT_CORS_ORIGINS;
        }
        return Arrays.stream(configured.split(",")).map(String::strip).filter(origin -> !origin.isEmpty()).toList();
    }

    @Override
    void start() {
        Path blobs = directory.resolve("blobs");
        Path properties = directory.resolve("s3proxy.properties");
        Path logback = directory.resolve("logback.xml");
        try {
            // With the filesystem provider a bucket is a folder: this one exists before the first request.
            Files.createDirectories(blobs.resolve(BUCKET));
            // Without a configuration Logback logs everything at DEBUG: Jetty's and S3Proxy's debug lines
            // took more CPU than the requests themselves (hundreds of MB a minute under a benchmark).
            Files.writeString(logback, """
                    <configuration>
                      <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="INFO"><appender-ref ref="out"/></root>
                    </configuration>
                    """);
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=" + endpoint(),
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    // S3Proxy takes CORS as server settings, not as a bucket rule through the API. Its origins
                    // are patterns, quoted here, and a properties file reads a backslash as an escape.
                    "s3proxy.cors-allow-origins=" + String.join(" ", Stream.concat(corsOrigins().stream(), webOrigins.stream()).distinct()
                            .map(origin -> Pattern.quote(origin).replace("\\", "\\\\")).toList()),
                    "s3proxy.cors-allow-methods=GET HEAD PUT",
                    "s3proxy.cors-allow-headers=Content-Type Content-Length Range Authorization",
                    "s3proxy.cors-exposed-headers=ETag Content-Length Content-Range Accept-Ranges",
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + blobs,
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare S3Proxy in " + directory, e);
        }
        process = ServerProcess.startJava("s3", directory, ServerClasspath.of("s3proxy"),
                List.of("-Xmx256m", "-Dlogback.configurationFile=" + logback),
                "org.gaul.s3proxy.Main", List.of("--properties", properties.toString()));
        process.awaitReady(Duration.ofSeconds(60), () -> httpStatus(endpoint() + "/") > 0);
    }
}
