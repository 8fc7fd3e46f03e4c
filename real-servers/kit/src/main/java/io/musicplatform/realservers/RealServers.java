package io.musicplatform.realservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A set of real servers under one directory, each in its own subfolder with its data and log.
 *
 * <p>The directory is locked while its servers run: a second starter gets a message naming the
 * owner and what to do. Processes left by an owner that was killed are stopped when the directory is
 * opened again. Servers start in parallel; when one fails, the others are stopped.
 *
 * <p>Each server keeps its ports for the life of this object, so an outage test can {@link #stop}
 * one server and {@link #start} it again: it comes back on the same address with the data it had
 * (each server class says what it keeps), and clients that were connected to it reconnect by
 * themselves.
 */
public final class RealServers implements AutoCloseable {

    static final String LOCK_FILE = "kit.lock";
    static final String OWNER_FILE = "owner.pid";
    /** Long enough for the owner to stop every server itself (each has 40 s, in parallel). */
    private static final Duration OWNER_GRACE = Duration.ofSeconds(60);

    private final Path directory;
    private final PortPlan ports;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Map<ServerKind, RealServer> running = new EnumMap<>(ServerKind.class);
    /** Stopped by {@link #stop}, so that a getter can say so rather than "never started". */
    private final Set<ServerKind> stopped = EnumSet.noneOf(ServerKind.class);
    /** Each port by name, asked of the plan once: a server started again comes back where it was. */
    private final Map<String, Integer> assignedPorts = new HashMap<>();
    /** Web origins the storage lets use presigned URLs besides its defaults; see {@link #allowWebOrigins}. */
    private List<String> webOrigins = List.of();

    private RealServers(Path directory, PortPlan ports, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.ports = ports;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Takes the directory for this JVM, stopping whatever an earlier, killed owner left running in it. */
    public static RealServers open(Path directory, PortPlan ports) {
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
            FileChannel channel = FileChannel.open(absolute.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                String owner = owner(absolute).map(p -> "process " + p.pid()).orElse("another process");
                throw new IllegalStateException("The real servers in " + absolute + " are already running, started by "
                        + owner + ". Stop them first (Ctrl-C where they run, or bin/platform down), "
                        + "or start these in another directory.");
            }
            try {
                List<String> leftovers = StaleProcesses.stopAll(absolute);
                if (!leftovers.isEmpty()) {
                    System.err.println("real-servers: stopped " + leftovers.size() + " process(es) left in " + absolute
                            + " by a starter that did not stop them: " + leftovers);
                }
                Files.writeString(absolute.resolve(OWNER_FILE), StaleProcesses.describe(ProcessHandle.current()));
                return new RealServers(absolute, ports, channel, lock);
            } catch (IOException | RuntimeException e) {
                lock.release();
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open " + absolute + " for the real servers", e);
        }
    }

    /**
     * Stops the servers of a directory, for {@code bin/platform down}: asks a live owner to stop them
     * as Ctrl-C would, then stops whatever is left, such as what a {@code kill -9} of the owner and of
     * a server's JVM leaves. Returns what it stopped.
     */
    public static List<String> down(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        List<String> stopped = new ArrayList<>();
        owner(absolute).filter(p -> p.pid() != ProcessHandle.current().pid()).ifPresent(owner -> {
            // The owner stops its servers itself on SIGTERM, as on Ctrl-C; if it hangs, the pid files below still work.
            owner.destroy();
            try {
                owner.onExit().get(OWNER_GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                owner.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            stopped.add(owner.pid() + " (the platform command)");
        });
        if (!Thread.currentThread().isInterrupted()) {
            stopped.addAll(StaleProcesses.stopAll(absolute));
        }
        return stopped;
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** The live process that holds the directory, if any. */
    public static Optional<ProcessHandle> owner(Path directory) {
        return StaleProcesses.recordedProcess(directory.toAbsolutePath().normalize().resolve(OWNER_FILE));
    }

    /**
     * Starts those of {@code kinds} that are not running yet, in parallel, and waits until all are
     * ready. A kind stopped by {@link #stop} comes back on the ports it had, with its data.
     */
    public synchronized RealServers start(Set<ServerKind> kinds) {
        return start(kinds, server -> { });
    }

    /** As {@link #start(Set)}, telling {@code ready} of each server as soon as it is ready (on the thread that started it). */
    public synchronized RealServers start(Set<ServerKind> kinds, java.util.function.Consumer<RealServer> onReady) {
        List<RealServer> starting = new ArrayList<>();
        for (ServerKind kind : kinds) {
            if (!running.containsKey(kind)) {
                starting.add(create(kind));
            }
        }
        // The first failure is the one to report; the servers still starting are given up at once.
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<CompletableFuture<Void>> startups = starting.stream()
                .map(server -> CompletableFuture.runAsync(() -> {
                    server.startTimed();
                    onReady.accept(server);
                }, runnable -> Thread.ofPlatform()
                        .name("start-" + server.kind().label()).start(runnable))
                        .whenComplete((ready, failure) -> {
                            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                    ? failure.getCause() : failure;
                            if (cause != null && firstFailure.compareAndSet(null, cause)) {
                                starting.stream().filter(other -> other != server).forEach(RealServer::abandon);
                            }
                        }))
                .toList();
        for (CompletableFuture<Void> startup : startups) {
            try {
                startup.join();
            } catch (CompletionException ignored) {
                // Reported below, through the first failure.
            }
        }
        if (firstFailure.get() != null) {
            stopAll(starting);
            Throwable cause = firstFailure.get();
            throw new IllegalStateException(cause.getMessage(), cause);
        }
        starting.forEach(server -> {
            running.put(server.kind(), server);
            stopped.remove(server.kind());
        });
        return this;
    }

    /**
     * Stops one server and keeps its data and its ports, for outage tests: until it is started again
     * ({@link #start} or {@link #restart}), its port refuses connections, it is not in
     * {@link #running()} and its getter fails. Stopping a server that is not running does nothing.
     */
    public synchronized void stop(ServerKind kind) {
        RealServer server = running.remove(kind);
        if (server != null) {
            server.close();
            stopped.add(kind);
        }
    }

    /** Stops one server, then starts it again on the same ports with the same data; see {@link #stop}. */
    public synchronized RealServers restart(ServerKind kind) {
        stop(kind);
        return start(EnumSet.of(kind));
    }

    private RealServer create(ServerKind kind) {
        Path home = directory.resolve(kind.label());
        return switch (kind) {
            case KAFKA -> new KafkaServer(home, port("kafka"), port("kafka.controller"));
            case POSTGRES -> new PostgresServer(home, port("postgres"));
            case OPENSEARCH -> new OpenSearchServer(home, port("opensearch"), port("opensearch.transport"));
            case S3 -> new S3Server(home, port("s3"), webOrigins);
            case KEYCLOAK -> new KeycloakServer(home, port("keycloak"), port("keycloak.management"));
        };
    }

    /**
     * Lets pages of these web origins use the storage's presigned URLs from a browser (uploads by PUT),
     * besides {@link S3Server#corsOrigins()}: the gateway's own origin when it runs on a free port.
     * Takes effect when the storage (re)starts.
     */
    public synchronized RealServers allowWebOrigins(List<String> origins) {
        webOrigins = List.copyOf(origins);
        return this;
    }

    private int port(String name) {
        return assignedPorts.computeIfAbsent(name, ports::port);
    }

    public Path directory() {
        return directory;
    }

    public synchronized Collection<RealServer> running() {
        return List.copyOf(running.values());
    }

    public KafkaServer kafka() {
        return get(ServerKind.KAFKA, KafkaServer.class);
    }

    public PostgresServer postgres() {
        return get(ServerKind.POSTGRES, PostgresServer.class);
    }

    public OpenSearchServer openSearch() {
        return get(ServerKind.OPENSEARCH, OpenSearchServer.class);
    }

    public S3Server s3() {
        return get(ServerKind.S3, S3Server.class);
    }

    public KeycloakServer keycloak() {
        return get(ServerKind.KEYCLOAK, KeycloakServer.class);
    }

    private synchronized <T extends RealServer> T get(ServerKind kind, Class<T> type) {
        RealServer server = running.get(kind);
        if (server == null && stopped.contains(kind)) {
            throw new IllegalStateException(kind.label() + " is stopped (stop(ServerKind." + kind + ")): start it again first "
                    + "(start(Set.of(ServerKind." + kind + ")) or restart(ServerKind." + kind + "))");
        }
        if (server == null) {
            throw new IllegalStateException(kind.label() + " is not running here: start it first (start(Set.of(ServerKind."
                    + kind + ")))");
        }
        return type.cast(server);
    }

    /**
     * Stops every server (in parallel), then whatever they may have left (PostgreSQL runs detached
     * from the JVM that starts it), and releases the directory.
     */
    @Override
    public synchronized void close() {
        stopAll(running.values());
        running.clear();
        stopped.clear();
        StaleProcesses.stopAll(directory);
        try {
            Files.deleteIfExists(directory.resolve(OWNER_FILE));
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // The lock goes with the JVM anyway.
        }
    }

    private static void stopAll(Collection<RealServer> servers) {
        List<Thread> stoppers = servers.stream()
                .map(server -> Thread.ofPlatform().name("stop-" + server.kind().label()).start(server::close))
                .toList();
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
