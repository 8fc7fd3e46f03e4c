package io.musicplatform.realservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

    private final int port;

    S3Server(Path directory, int port) {
        super(directory);
        this.port = port;
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

    @Override
    void start() {
        Path blobs = directory.resolve("blobs");
        Path properties = directory.resolve("s3proxy.properties");
        try {
            // With the filesystem provider a bucket is a folder: this one exists before the first request.
            Files.createDirectories(blobs.resolve(BUCKET));
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=" + endpoint(),
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + blobs,
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare S3Proxy in " + directory, e);
        }
        process = ServerProcess.startJava("s3", directory, ServerClasspath.of("s3proxy"), List.of("-Xmx256m"),
                "org.gaul.s3proxy.Main", List.of("--properties", properties.toString()));
        process.awaitReady(Duration.ofSeconds(60), () -> httpStatus(endpoint() + "/") > 0);
    }
}
