package io.musicplatform.realservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The real servers of one test JVM: started on first use, on free ports, under
 * {@code target/real-servers/jvm-<pid>-<n>} (or the folder in system property {@code real-servers.dir}),
 * shared by every test in the JVM and stopped when it exits.
 *
 * <p>Shared through this class's static state, so per class loader: should Quarkus load the kit
 * again for a second application in the same JVM, that copy starts servers of its own in a folder
 * of its own ({@code <n>} tells the copies apart) rather than fail on this one's lock.
 */
public final class SharedRealServers {

    private static RealServers servers;

    private SharedRealServers() {
    }

    /** Starts those of {@code kinds} not yet running in this JVM and returns all of this JVM's servers. */
    public static synchronized RealServers start(Set<ServerKind> kinds) {
        if (servers == null) {
            Path base = Path.of(System.getProperty("real-servers.dir", "target/real-servers")).toAbsolutePath();
            removeStaleRuns(base);
            String run = "jvm-" + ProcessHandle.current().pid() + "-" + Integer.toHexString(System.identityHashCode(SharedRealServers.class));
            servers = RealServers.open(base.resolve(run), PortPlan.free());
            Runtime.getRuntime().addShutdownHook(new Thread(servers::close, "real-servers-stop"));
        }
        return servers.start(kinds);
    }

    /** Folders of earlier test JVMs whose lock nobody holds any more: their leftovers are stopped and removed. */
    private static void removeStaleRuns(Path base) {
        if (!Files.isDirectory(base)) {
            return;
        }
        List<Path> runs;
        try (Stream<Path> children = Files.list(base)) {
            runs = children.filter(p -> p.getFileName().toString().startsWith("jvm-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path run : runs) {
            if (isAbandoned(run)) {
                StaleProcesses.stopAll(run);
                deleteRecursively(run);
            }
        }
    }

    private static boolean isAbandoned(Path run) {
        Path lockFile = run.resolve(RealServers.LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("real-servers: could not remove " + folder + ": " + e.getMessage());
        }
    }
}
