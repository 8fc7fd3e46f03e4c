package io.musicplatform.realservers.watchdog;

import java.io.IOException;
import java.io.InputStream;

/**
 * Stops a server JVM when the process that started it is gone.
 *
 * <p>The kit starts every server with its stdin connected to a pipe that only the starting JVM holds
 * open. When that JVM exits, normally or through {@code kill -9}, the kernel closes the pipe and this
 * agent reads end-of-file: it then exits the server through {@link System#exit}, so the server's own
 * shutdown hooks run (Kafka flushes its log, PostgreSQL stops cleanly), and halts it outright if
 * those hooks take longer than the grace period. Stopping a server on purpose works the same way:
 * the kit closes the pipe.
 */
public final class ParentWatchdog {

    private static final long GRACE_MILLIS = Long.getLong("watchdog.grace.millis", 30_000);

    private ParentWatchdog() {
    }

    public static void premain(String arguments) {
        Thread watcher = new Thread(ParentWatchdog::waitForParentThenExit, "parent-watchdog");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void waitForParentThenExit() {
        drain(System.in);
        Thread halter = new Thread(() -> {
            try {
                Thread.sleep(GRACE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("parent-watchdog: shutdown took longer than " + GRACE_MILLIS + " ms, halting");
            Runtime.getRuntime().halt(1);
        }, "parent-watchdog-halter");
        halter.setDaemon(true);
        halter.start();
        System.err.println("parent-watchdog: the starting process is gone, shutting down");
        System.exit(0);
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // Nothing is ever written to the pipe: only its end matters.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end-of-file: the starter is gone.
        }
    }
}
