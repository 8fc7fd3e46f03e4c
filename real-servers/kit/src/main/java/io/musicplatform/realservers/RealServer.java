package io.musicplatform.realservers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A server of the kit: started in its own directory, ready when {@link #start()} returns. */
public abstract class RealServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    protected final Path directory;
    protected volatile ServerProcess process;
    private volatile boolean abandoned;
    private Duration startupTime = Duration.ZERO;

    protected RealServer(Path directory) {
        this.directory = directory;
    }

    public abstract ServerKind kind();

    /** Starts the server and waits until it serves requests. */
    abstract void start();

    final void startTimed() {
        if (abandoned) {
            throw new IllegalStateException(kind().label() + " was not started: another server failed first");
        }
        long begin = System.nanoTime();
        start();
        startupTime = Duration.ofNanos(System.nanoTime() - begin);
    }

    /** Gives up a start in progress because another server failed: nobody waits for this one any more. */
    final void abandon() {
        abandoned = true;
        ServerProcess launched = process;
        if (launched != null) {
            launched.stop();
        }
    }

    /** How long {@link #start()} took, from launch to ready. */
    public Duration startupTime() {
        return startupTime;
    }

    /** What a person needs to reach it, by name (printed by the platform command). */
    public abstract Map<String, String> addresses();

    public Path directory() {
        return directory;
    }

    public ServerProcess process() {
        return process;
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop();
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The HTTP status of a GET, or -1 when nothing answers. */
    static int httpStatus(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
